using System.Collections.Immutable;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// A router layer's health: per-slot reports, and per layer <c>Neff</c>, <c>MaxVio</c> and saturation (on the slow
/// load clocks), the last step's <c>Psi</c> and <c>Psi_loo</c>, the free energy and the bias relevance <c>r</c>.
/// <c>Kernel</c> says whether the router reaches its keepers (SPEC 5.2): "reachable", or since when it serves with its last
/// known constraints.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.LayerHealthReport")]
public sealed record LayerHealthReport(
    string RouterId,
    int Epoch,
    long Steps,
    ImmutableArray<ExpertHealthReport> Experts,
    double EffectiveExperts,
    double MaxViolation,
    double Saturation,
    double Psi,
    double PsiLeaveOneOut,
    FreeEnergyReport FreeEnergy,
    double Relevance,
    string? Kernel = null);

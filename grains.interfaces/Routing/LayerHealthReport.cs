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
    [Id(0)] string RouterId,
    [Id(1)] int Epoch,
    [Id(2)] long Steps,
    [Id(3)] ImmutableArray<ExpertHealthReport> Experts,
    [Id(4)] double EffectiveExperts,
    [Id(5)] double MaxViolation,
    [Id(6)] double Saturation,
    [Id(7)] double Psi,
    [Id(8)] double PsiLeaveOneOut,
    [Id(9)] FreeEnergyReport FreeEnergy,
    [Id(10)] double Relevance,
    [Id(11)] string? Kernel = null);

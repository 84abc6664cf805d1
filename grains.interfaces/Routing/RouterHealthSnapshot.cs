using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// A router layer's health at one moment, as its history keeps it: the step and epoch, each expert's clocks, and per
/// layer <c>Neff</c>, <c>MaxVio</c> (slow load clocks), the last step's <c>Psi</c> and <c>Psi_loo</c> and the free energy.
/// Values not defined yet are NaN. Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterHealthSnapshot")]
public sealed record RouterHealthSnapshot(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Epoch,
    [property: Id(2)] long Steps,
    [property: Id(3)] ImmutableArray<ExpertHealthPoint> Experts,
    [property: Id(4)] double EffectiveExperts,
    [property: Id(5)] double MaxViolation,
    [property: Id(6)] double Psi,
    [property: Id(7)] double PsiLeaveOneOut,
    [property: Id(8)] double FreeEnergy);

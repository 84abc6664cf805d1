namespace Moecraft.Routing;

/// <summary>
/// One slot's health (SPEC 3.3-3.5): <c>phi</c> and <c>phi_loo</c> and load share on the three clocks, tokens seen,
/// the bias coefficient <c>k</c> and <c>beta</c>, <c>delta_phi</c>, whether it is degrading, and bimodality <c>B</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertHealthReport")]
public sealed record ExpertHealthReport(
    int Slot,
    string ExpertId,
    bool Active,
    ClockValues Phi,
    ClockValues PhiLeaveOneOut,
    ClockValues Load,
    long Tokens,
    double BiasCoefficient,
    double Bias,
    double DeltaPhi,
    bool Degrading,
    double Bimodality);

namespace Moecraft.Routing;

/// <summary>
/// One slot's health (SPEC 3.3-3.5): <c>phi</c> and <c>phi_loo</c> and load share on the three clocks, tokens seen,
/// the bias coefficient <c>k</c> and the selection bias <c>b + beta</c>, <c>delta_phi</c>, whether it is degrading, and
/// bimodality <c>B</c>; <see cref="LoadBias"/> (<c>b</c>, loss-free balancing's sign rule) and <see cref="CoherenceBias"/>
/// (<c>beta = r k s</c>) are the two parts of <see cref="Bias"/> (SPEC 3.1).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertHealthReport")]
public sealed record ExpertHealthReport(
    [Id(0)] int Slot,
    [Id(1)] string ExpertId,
    [Id(2)] bool Active,
    [Id(3)] ClockValues Phi,
    [Id(4)] ClockValues PhiLeaveOneOut,
    [Id(5)] ClockValues Load,
    [Id(6)] long Tokens,
    [Id(7)] double BiasCoefficient,
    [Id(8)] double Bias,
    [Id(9)] double DeltaPhi,
    [Id(10)] bool Degrading,
    [Id(11)] double Bimodality,
    [property: Id(12)] double LoadBias = 0,
    [property: Id(13)] double CoherenceBias = 0);

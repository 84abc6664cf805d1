namespace Moecraft.Routing;

/// <summary>
/// One expert in a <see cref="RouterHealthSnapshot"/>: <c>phi</c>, <c>phi_loo</c> and the load share on the three clocks,
/// <c>beta</c> and whether it was degrading. Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertHealthPoint")]
public sealed record ExpertHealthPoint(
    [property: Id(0)] int Slot,
    [property: Id(1)] string ExpertId,
    [property: Id(2)] bool Active,
    [property: Id(3)] ClockValues Phi,
    [property: Id(4)] ClockValues PhiLeaveOneOut,
    [property: Id(5)] ClockValues Load,
    [property: Id(6)] double Bias,
    [property: Id(7)] bool Degrading);

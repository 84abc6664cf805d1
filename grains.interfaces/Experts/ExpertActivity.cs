namespace Moecraft.Experts;

/// <summary>
/// An expert's calls right now, not persisted: how many hold a slot, how many wait for one, the concurrency limit
/// (<see cref="ExpertDefinition.EffectiveMaxConcurrency"/>) and the circuit breaker's state on the silo that hosts it.
/// Ids are a contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertActivity")]
public sealed record ExpertActivity(
    [property: Id(0)] int InFlight,
    [property: Id(1)] int Queued,
    [property: Id(2)] int ConcurrencyLimit,
    [property: Id(3)] ExpertCircuit Circuit);

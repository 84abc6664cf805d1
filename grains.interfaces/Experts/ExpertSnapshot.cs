namespace Moecraft.Experts;

/// <summary>An expert as seen from outside: definition, lifecycle status, counters and (when read from its grain) its calls right now.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertSnapshot")]
public sealed record ExpertSnapshot(
    [Id(0)] ExpertDefinition Definition,
    [Id(1)] ExpertStatus Status,
    [Id(2)] ExpertCounters Counters,
    [property: Id(3)] ExpertActivity? Activity = null);

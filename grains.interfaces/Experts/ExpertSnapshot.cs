namespace Moecraft.Experts;

/// <summary>An expert as seen from outside: definition, lifecycle status and counters.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertSnapshot")]
public sealed record ExpertSnapshot(ExpertDefinition Definition, ExpertStatus Status, ExpertCounters Counters);

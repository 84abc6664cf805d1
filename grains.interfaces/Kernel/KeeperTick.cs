namespace Moecraft.Kernel;

/// <summary>A router's tick of one of its keepers (SPEC 5.1), with the evidence for the commits that fall due at it.</summary>
/// <param name="RouterStep">The router's step: the keeper's clock moves to it (never back).</param>
/// <param name="HeldSequence">The newest event of this keeper's log the router holds (its scars or reflexes as of that sequence).</param>
/// <param name="Evidence">The router now, for the keeper's self-committing proposals that fall due.</param>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperTick")]
public sealed record KeeperTick([Id(0)] long RouterStep, [Id(1)] long HeldSequence, [Id(2)] RouterEvidence Evidence);

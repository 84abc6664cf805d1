namespace Moecraft.Kernel;

/// <summary>The first and only decision on a proposal; every later <c>Commit</c> returns it unchanged.</summary>
/// <param name="Sequence">The committed event's sequence on the keeper's log; null when rejected.</param>
/// <param name="DecidedAt">The keeper's clock at the decision.</param>
/// <param name="Reason">Why it was rejected, or what was committed.</param>
/// <param name="Epoch">The router epoch at the decision.</param>
[GenerateSerializer, Immutable, Alias("moecraft.CommitResult")]
public sealed record CommitResult([Id(0)] string ProposalId, [Id(1)] CommitOutcome Outcome, [Id(2)] long? Sequence, [Id(3)] long DecidedAt, [Id(4)] string Reason, [Id(5)] int Epoch = 0);

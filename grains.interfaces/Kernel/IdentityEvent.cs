namespace Moecraft.Kernel;

/// <summary>
/// A committed identity event: never changed or deleted. A later event may supersede or compensate it
/// (<paramref name="Supersedes"/> names the sequence it replaces).
/// </summary>
/// <param name="Sequence">Position on the keeper's append-only log, from 1.</param>
/// <param name="Evidence">For a scar, its evidence; for a reflex, its region (failures 0).</param>
/// <param name="Reflex">A reflex's evidence; null for other kinds.</param>
/// <param name="CommittedAt">The keeper's clock at the commit.</param>
/// <param name="Epoch">The router epoch the event was decided in (for an epoch event: the epoch it starts).</param>
/// <param name="Reason">Why: an epoch's roster or policy change, a compensation's operator text.</param>
[GenerateSerializer, Immutable, Alias("moecraft.IdentityEvent")]
public sealed record IdentityEvent(
    [Id(0)] long Sequence, [Id(1)] IdentityEventKind Kind, [Id(2)] string Subject, [Id(3)] ScarEvidence Evidence, [Id(4)] string ProposalId, [Id(5)] long CommittedAt, [Id(6)] DateTimeOffset At,
    [Id(7)] long? Supersedes = null, [Id(8)] ReflexEvidence? Reflex = null, [Id(9)] int Epoch = 0, [Id(10)] string? Reason = null);

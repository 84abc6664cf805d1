namespace Moecraft.Kernel;

/// <summary>A proposed identity event, waiting for its dwell (SPEC 5.2).</summary>
/// <param name="Id">Content hash of kind, subject and evidence: the same proposal always has the same id.</param>
/// <param name="Subject">What the event is about (for a scar: the expert id).</param>
/// <param name="Evidence">For a scar, its evidence; for a reflex, its region (failures 0).</param>
/// <param name="Reflex">A reflex's evidence; null for other kinds.</param>
/// <param name="ProposedAt">The keeper's clock when it was proposed.</param>
/// <param name="Epoch">The router epoch the evidence belongs to; a proposal from an older epoch is rejected at commit.</param>
/// <param name="Compensates">For a compensation, the sequence of the event it cancels.</param>
/// <param name="Reason">For a compensation, why (operator text).</param>
/// <param name="CommitWhenDue">The keeper commits it itself on the first tick after the dwell (the router's sentinel proposals).</param>
[GenerateSerializer, Immutable, Alias("moecraft.KernelProposal")]
public sealed record KernelProposal([Id(0)] string Id, [Id(1)] IdentityEventKind Kind, [Id(2)] string Subject, [Id(3)] ScarEvidence Evidence, [Id(4)] long ProposedAt, [Id(5)] DateTimeOffset At,
    [Id(6)] ReflexEvidence? Reflex = null, [Id(7)] int Epoch = 0, [Id(8)] long? Compensates = null, [Id(9)] string? Reason = null, [Id(10)] bool CommitWhenDue = false);

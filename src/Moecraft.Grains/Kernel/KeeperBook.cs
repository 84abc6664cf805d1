using System.Collections.Immutable;
using Moecraft.Governance;

namespace Moecraft.Kernel;

/// <summary>
/// What one temporal keeper decides (SPEC 5.2, 5.3), over its stored <see cref="KeeperState"/>: which proposals it takes
/// and why it refuses one, when a proposal may be decided and how, what an epoch boundary records, and what its committed
/// events add up to. Plain and synchronous: the keeper grain reads governance and evidence, calls these, and writes the
/// changes they return (<see cref="KeeperChange"/>); unit tests call it directly. It lives here rather than in
/// Moecraft.Core because its inputs and outputs are the kernel's Orleans contracts (grains.interfaces).
/// </summary>
public sealed class KeeperBook
{
    /// <summary>The longest reason an event may carry (it goes into the audit log and the journal).</summary>
    public const int MaxReasonLength = 500;

    // An epoch boundary or a compensation has no region of its own.
    private static readonly ScarEvidence NoRegion = new([], 0, 0);

    /// <summary>The book of the keeper of grain key <paramref name="key"/> (<c>{routerId}/{fast|mid|slow}</c>).</summary>
    /// <exception cref="ArgumentException">Not a keeper key.</exception>
    public KeeperBook(string key)
    {
        (RouterId, Clock) = KeeperClocks.Parse(key);
        Key = key;
    }

    public string Key { get; }

    public string RouterId { get; }

    public KeeperClock Clock { get; }

    /// <summary>Ticks a proposal waits before it may be decided.</summary>
    public long Dwell => KeeperClocks.Dwell(Clock);

    /// <summary>The write budget this keeper spends under the <paramref name="governed"/> policy.</summary>
    public KeeperWriteBudget BudgetIn(GovernanceSnapshot governed)
    {
        ArgumentNullException.ThrowIfNull(governed);
        return KeeperClocks.Budget(governed.Policy.Policy.KeeperBudgets, Clock);
    }

    /// <summary>A scar (or another kind this keeper owns) proposed with <paramref name="evidence"/>, its id filled in.</summary>
    /// <exception cref="ArgumentException">A kind with its own call or of another keeper, an empty subject, or evidence without a centroid or failure.</exception>
    public KernelProposal Draft(IdentityEventKind kind, string subject, ScarEvidence evidence, bool commitWhenDue)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"Unknown identity event kind '{kind}'.", nameof(kind));
        if (kind == IdentityEventKind.Reflex) throw new ArgumentException("A reflex is proposed with its own evidence: use ProposeReflex.", nameof(kind));
        if (kind == IdentityEventKind.Epoch) throw new ArgumentException("An epoch boundary is entered by the router: use EnterEpoch.", nameof(kind));
        if (kind == IdentityEventKind.Compensation) throw new ArgumentException("A compensation names the event it cancels: use ProposeCompensation.", nameof(kind));
        if (KeeperClocks.Of(kind) is var owner && owner != Clock)
            throw new ArgumentException(
                $"A {KernelPayloads.KindName(kind)} is kept by the {KeeperClocks.Name(owner)} keeper, not by '{Key}'.", nameof(kind));
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(subject));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.Failures < 1) throw new ArgumentException($"A scar needs at least one recorded failure, got {evidence.Failures}.", nameof(evidence));
        return Identified(new KernelProposal("", kind, subject, evidence, 0, default, CommitWhenDue: commitWhenDue));
    }

    /// <summary>A reflex of <paramref name="expertId"/> proposed with <paramref name="evidence"/>, its id filled in.</summary>
    /// <exception cref="ArgumentException">Not the fast keeper, an empty expert id, or evidence without a centroid or with negative counts.</exception>
    public KernelProposal DraftReflex(string expertId, ReflexEvidence evidence, bool commitWhenDue)
    {
        if (Clock != KeeperClock.Fast)
            throw new ArgumentException($"A reflex is kept by the fast keeper, not by '{Key}'.", nameof(expertId));
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(expertId));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.StableSteps < 0 || evidence.FeedbackSamples < 0)
            throw new ArgumentException("A reflex's stable steps and feedback samples are not negative.", nameof(evidence));
        return Identified(new KernelProposal(
            "", IdentityEventKind.Reflex, expertId, new ScarEvidence(evidence.Centroid, evidence.Radius, 0), 0, default, evidence, CommitWhenDue: commitWhenDue));
    }

    /// <summary>A compensation of committed event <paramref name="sequence"/> proposed for <paramref name="reason"/>, its id filled in.</summary>
    /// <exception cref="ArgumentException">No such event, not a scar or reflex, or a reason that is empty or too long.</exception>
    public KernelProposal DraftCompensation(KeeperState state, long sequence, string reason)
    {
        RequireReason(reason, "A compensation", nameof(reason));
        var target = state.Events.Find(e => e.Sequence == sequence)
            ?? throw new ArgumentException($"Keeper '{Key}' has no committed event {sequence}.", nameof(sequence));
        if (target.Kind is not (IdentityEventKind.Scar or IdentityEventKind.Reflex))
            throw new ArgumentException($"Event {sequence} is a {KernelPayloads.KindName(target.Kind)}; only a scar or a reflex can be compensated.", nameof(sequence));
        return Identified(new KernelProposal("", IdentityEventKind.Compensation, target.Subject, target.Evidence, 0, default, Compensates: sequence, Reason: reason));
    }

    /// <summary>Whether a proposal of this id (the hash of its content) is already on the book: proposing it again changes nothing.</summary>
    public static bool IsProposed(KeeperState state, string proposalId) => state.Proposals.Exists(p => p.Id == proposalId);

    /// <summary>
    /// Takes <paramref name="draft"/> onto the book at the keeper's clock, in the newer of the router's and the keeper's
    /// epochs (the keeper may not have heard of the latest boundary yet), paying one token of <paramref name="budget"/>.
    /// </summary>
    /// <param name="evidenceFailure">Why the evidence does not hold as read now; null when it holds.</param>
    /// <param name="routerEpoch">The router's epoch as read with the evidence.</param>
    /// <exception cref="ArgumentException">The evidence does not hold.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent.</exception>
    public KeeperChange.Proposed Accept(
        KeeperState state, KernelProposal draft, string? evidenceFailure, int routerEpoch, KeeperWriteBudget budget, DateTimeOffset now)
    {
        if (evidenceFailure is not null)
            throw new ArgumentException($"The evidence does not hold: {evidenceFailure}. Nothing was proposed.", nameof(draft));
        var bucket = Bucket(state, budget);
        if (!bucket.TryTake(state.Tick, out var wait))
            throw new KeeperBudgetExhaustedException(Key, budget.Tokens, budget.RefillTicks, wait);
        var proposal = draft with { ProposedAt = state.Tick, At = now, Epoch = Math.Max(routerEpoch, state.Epoch) };
        return new KeeperChange.Proposed(proposal, new KeeperBucketRecord(bucket.Tokens, bucket.UpdatedTick));
    }

    /// <exception cref="ArgumentException">No proposal of that id.</exception>
    public KernelProposal ProposalOf(KeeperState state, string proposalId) =>
        state.Proposals.Find(p => p.Id == proposalId) ?? throw new ArgumentException($"Keeper '{Key}' has no proposal '{proposalId}'.", nameof(proposalId));

    /// <summary>The first and final decision on a proposal; null while it is undecided.</summary>
    public static CommitResult? DecisionOf(KeeperState state, string proposalId) => state.Results.Find(r => r.ProposalId == proposalId);

    /// <exception cref="InvalidOperationException">The dwell has not passed: how many ticks are left.</exception>
    public void RequireDwellOver(KeeperState state, KernelProposal proposal)
    {
        var remaining = KeeperDwell.Remaining(proposal.ProposedAt, state.Tick, Dwell);
        if (remaining > 0)
            throw new InvalidOperationException(
                $"Proposal '{proposal.Id}' was made at tick {proposal.ProposedAt}; the {KeeperClocks.Name(Clock)} keeper's dwell is {Dwell} ticks " +
                $"and its clock is at {state.Tick}: commit again in {remaining} tick(s). Nothing changed.");
    }

    /// <summary>
    /// The final decision on <paramref name="proposal"/> after its dwell: committed as the next event on the log, or
    /// rejected because its evidence no longer holds or it belongs to an older epoch than the router's or the keeper's.
    /// </summary>
    /// <param name="evidenceFailure">Why the evidence does not hold as re-checked now; null when it holds.</param>
    /// <param name="routerEpoch">The router's epoch as read with the evidence.</param>
    public KeeperChange.Decided Decide(KeeperState state, KernelProposal proposal, string? evidenceFailure, int routerEpoch, DateTimeOffset now)
    {
        var rejections = new List<string>();
        if (evidenceFailure is not null) rejections.Add($"the evidence no longer holds: {evidenceFailure}");
        // Epochs re-base the evidence (SPEC 5.3): what was measured before a roster or policy change does not carry over.
        // A compensation cancels an event, which no boundary changes.
        var epoch = Math.Max(routerEpoch, state.Epoch);
        if (proposal.Kind != IdentityEventKind.Compensation && proposal.Epoch < epoch)
            rejections.Add($"it was proposed in epoch {proposal.Epoch} and the router is now in epoch {epoch}: evidence from before a roster or policy change no longer holds");

        if (rejections.Count > 0)
            return new(new CommitResult(proposal.Id, CommitOutcome.Rejected, null, state.Tick, string.Join("; ", rejections), state.Epoch), null);
        var sequence = NextSequence(state);
        var committed = new IdentityEvent(sequence, proposal.Kind, proposal.Subject, proposal.Evidence, proposal.Id, state.Tick, now,
            proposal.Compensates, proposal.Reflex, state.Epoch, proposal.Reason);
        var what = proposal.Compensates is { } cancelled
            ? $"compensation of event {cancelled} ('{proposal.Subject}')"
            : $"{KernelPayloads.KindName(proposal.Kind)} of '{proposal.Subject}'";
        return new(new CommitResult(proposal.Id, CommitOutcome.Committed, sequence, state.Tick, $"{what} committed as event {sequence}", state.Epoch), committed);
    }

    /// <summary>The undecided proposals that commit themselves and whose dwell has passed, oldest first.</summary>
    public IReadOnlyList<string> Due(KeeperState state) =>
    [
        .. state.Proposals
            .Where(p => p.CommitWhenDue && KeeperDwell.IsOver(p.ProposedAt, state.Tick, Dwell) && DecisionOf(state, p.Id) is null)
            .Select(p => p.Id),
    ];

    /// <summary>Why committed event <paramref name="sequence"/> can no longer be compensated (it already is), or null.</summary>
    public static string? CompensationFailure(KeeperState state, long sequence) =>
        state.Events.Exists(e => e.Supersedes == sequence) ? $"event {sequence} is already compensated" : null;

    /// <summary>
    /// Enters the router's epoch <paramref name="mark"/>: the clock re-bases at the boundary, and the mid keeper records it
    /// as an event. Null when the keeper is already in that epoch or a later one (nothing to change).
    /// </summary>
    /// <exception cref="ArgumentException">A negative epoch or step, or a reason that is empty or too long.</exception>
    public KeeperChange.EpochEntered? Enter(KeeperState state, EpochMark mark, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (mark.Epoch < 0 || mark.RouterStep < 0)
            throw new ArgumentException($"An epoch and its router step are not negative, got epoch {mark.Epoch} at step {mark.RouterStep}.", nameof(mark));
        RequireReason(mark.Reason, "An epoch boundary", nameof(mark));
        if (mark.Epoch <= state.Epoch) return null;

        var tick = Math.Max(state.Tick, mark.RouterStep);
        var boundary = Clock == KeeperClock.Mid
            ? new IdentityEvent(NextSequence(state), IdentityEventKind.Epoch, $"epoch {mark.Epoch}", NoRegion, $"epoch-{mark.Epoch}", tick, now,
                Epoch: mark.Epoch, Reason: mark.Reason)
            : null;
        return new(mark.Epoch, tick, boundary);
    }

    /// <summary>The committed scars still in force (not compensated), in log order.</summary>
    public static ImmutableArray<RegionClaim> Scars(IReadOnlyList<IdentityEvent> events) => Claims(events, IdentityEventKind.Scar);

    /// <summary>The committed reflexes still in force (not compensated), in log order.</summary>
    public static ImmutableArray<RegionClaim> Reflexes(IReadOnlyList<IdentityEvent> events) => Claims(events, IdentityEventKind.Reflex);

    private static ImmutableArray<RegionClaim> Claims(IReadOnlyList<IdentityEvent> events, IdentityEventKind kind) =>
        [.. InForce(events, kind).Select(e => new RegionClaim(e.Sequence, e.Subject, e.Evidence.Centroid, e.Evidence.Radius, e.Epoch))];

    /// <summary>
    /// The answer to a router's tick: the scars (slow keeper) or reflexes (fast keeper) in force when the router holds an
    /// older sequence than the newest event (<paramref name="heldSequence"/>), and the reflexes the fast keeper waits to commit.
    /// </summary>
    public KeeperTickReport Report(KeeperState state, long heldSequence)
    {
        var newer = NewerThan(state, heldSequence);
        var waiting = Clock == KeeperClock.Fast
            ? state.Proposals.Where(p => p.Kind == IdentityEventKind.Reflex && p.CommitWhenDue && DecisionOf(state, p.Id) is null).ToImmutableArray()
            : [];
        return new(
            state.Tick, newer ?? 0,
            newer is not null && Clock == KeeperClock.Slow ? Scars(state.Events) : [],
            newer is not null && Clock == KeeperClock.Fast ? Reflexes(state.Events) : [],
            waiting);
    }

    // The newest event when it is newer than what the router holds and this keeper hands the router anything: the slow
    // keeper its scars, the fast one its reflexes; the mid keeper hands nothing (neither may replace the other's cache).
    private long? NewerThan(KeeperState state, long held) =>
        Clock != KeeperClock.Mid && state.Events.Count > 0 && state.Events[^1].Sequence > held ? state.Events[^1].Sequence : null;

    /// <summary>The keeper as seen from outside, with the tokens <paramref name="budget"/> allows at its clock.</summary>
    public KeeperSnapshot Snapshot(KeeperState state, KeeperWriteBudget budget) => new(
        RouterId, Clock, state.Tick, Bucket(state, budget).AvailableAt(state.Tick), budget.Tokens, budget.RefillTicks,
        Dwell, [.. state.Proposals], [.. state.Results], [.. state.Events], state.Epoch, state.EpochStartTick);

    private static IEnumerable<IdentityEvent> InForce(IReadOnlyList<IdentityEvent> events, IdentityEventKind kind)
    {
        var superseded = events.Where(e => e.Supersedes is not null).Select(e => e.Supersedes!.Value).ToHashSet();
        return events.Where(e => e.Kind == kind && !superseded.Contains(e.Sequence));
    }

    private static KernelProposal Identified(KernelProposal draft) => draft with
    {
        Id = KernelPayloads.ProposalId(draft.Kind, draft.Subject, draft.Evidence, draft.Reflex, draft.Compensates, draft.Reason),
    };

    private static long NextSequence(KeeperState state) => state.Events.Count == 0 ? 1 : state.Events[^1].Sequence + 1;

    // The stored bucket under the current policy's budget; a full one until the first proposal.
    private static TickBucket Bucket(KeeperState state, KeeperWriteBudget budget) => state.Bucket is { } saved
        ? new TickBucket(budget.Tokens, budget.RefillTicks, saved.Tokens, saved.UpdatedTick)
        : TickBucket.Full(budget.Tokens, budget.RefillTicks, state.Tick);

    private static void RequireReason(string? reason, string what, string parameter)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw new ArgumentException($"{what} needs a reason of 1 to {MaxReasonLength} characters.", parameter);
    }
}

using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// A temporal keeper (SPEC 5): the clock of one of a router's three timescales, a persisted write budget, two-step
/// commits with dwell and re-checked evidence, and an append-only log of committed identity events. The keeper calls
/// the router layer (evidence, scars), never the other way round with an await, so the two cannot deadlock.
/// </summary>
[GrainType("keeper")]
public sealed partial class KeeperGrain(
    [PersistentState("keeper", MoecraftStorage.Name)] IPersistentState<KeeperState> state,
    GovernanceCache governance,
    Journalist journalist,
    FederationSettings federation,
    SiloEmbedder embedder,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<KeeperGrain> logger) : Grain, IKeeperGrain
{
    /// <summary>How far the clock may run ahead of its last stored value.</summary>
    public const long TickWriteInterval = 100;

    private string _routerId = "";

    // The tick as last stored.
    private long _writtenTick;
    private KeeperClock _clock;

    // The router's governance id, read once per activation: it decides the budget and the halt flag.
    private string? _governanceId;

    // Proposals, decisions and epoch boundaries are audited through it: stored with the change, then sent.
    private AuditOutbox _audit = null!;

    private string Key => this.GetPrimaryKeyString();

    private string Actor => "keeper:" + Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_routerId, _clock) = KeeperClocks.Parse(Key);
        _writtenTick = state.State.Tick;
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => state.State.Audit, update => WriteAsync(s => s.Audit = update(s.Audit)), logger);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful stop stores the clock's last unwritten ticks.
        if (state.State.Tick > _writtenTick) await state.WriteStateAsync(cancellationToken);
    }

    public async Task<long> Tick(long routerStep)
    {
        if (routerStep < 0) throw new ArgumentException($"A router step is not negative, got {routerStep}.", nameof(routerStep));
        if (routerStep > state.State.Tick)
        {
            // The clock is written every TickWriteInterval ticks (and with every other write): after a crash it resumes a
            // little behind and the router's next tick brings it forward, which only ever delays a commit.
            if (routerStep - _writtenTick >= TickWriteInterval) await WriteAsync(s => s.Tick = routerStep);
            else state.State.Tick = routerStep;
        }
        await CommitDueAsync();
        await SyncScarsAsync();
        return state.State.Tick;
    }

    /// <summary>Commits the self-committing proposals whose dwell has passed; one that cannot be decided now waits for a later tick.</summary>
    private async Task CommitDueAsync()
    {
        var dwell = KeeperClocks.Dwell(_clock);
        var due = state.State.Proposals
            .Where(p => p.CommitWhenDue && KeeperDwell.Remaining(p.ProposedAt, state.State.Tick, dwell) == 0)
            .Where(p => !state.State.Results.Exists(r => r.ProposalId == p.Id))
            .Select(p => p.Id).ToList();
        foreach (var id in due)
        {
            try
            {
                await Commit(id);
            }
            catch (Exception e) when (e is KernelUnavailableException or ClusterHaltedException)
            {
                LogAutoCommitDeferred(logger, e, Key, id);
            }
        }
    }

    public async Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, bool commitWhenDue = false)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"Unknown identity event kind '{kind}'.", nameof(kind));
        if (kind == IdentityEventKind.Reflex) throw new ArgumentException("A reflex is proposed with its own evidence: use ProposeReflex.", nameof(kind));
        if (kind == IdentityEventKind.Epoch) throw new ArgumentException("An epoch boundary is entered by the router: use EnterEpoch.", nameof(kind));
        if (kind == IdentityEventKind.Compensation) throw new ArgumentException("A compensation names the event it cancels: use ProposeCompensation.", nameof(kind));
        if (KeeperClocks.Of(kind) is var owner && owner != _clock)
            throw new ArgumentException(
                $"A {KernelPayloads.KindName(kind)} is kept by the {KeeperClocks.Name(owner)} keeper, not by '{Key}'.", nameof(kind));
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(subject));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.Failures < 1) throw new ArgumentException($"A scar needs at least one recorded failure, got {evidence.Failures}.", nameof(evidence));

        return await ProposeAsync(new KernelProposal("", kind, subject, evidence, 0, default, CommitWhenDue: commitWhenDue));
    }

    public async Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, bool commitWhenDue = false)
    {
        if (_clock != KeeperClock.Fast)
            throw new ArgumentException($"A reflex is kept by the fast keeper, not by '{Key}'.", nameof(expertId));
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(expertId));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.StableSteps < 0 || evidence.FeedbackSamples < 0)
            throw new ArgumentException("A reflex's stable steps and feedback samples are not negative.", nameof(evidence));
        return await ProposeAsync(new KernelProposal(
            "", IdentityEventKind.Reflex, expertId, new ScarEvidence(evidence.Centroid, evidence.Radius, 0), 0, default, evidence, CommitWhenDue: commitWhenDue));
    }

    public async Task<string> ProposeCompensation(long sequence, string reason)
    {
        RequireReason(reason, "A compensation", nameof(reason));
        var target = state.State.Events.Find(e => e.Sequence == sequence)
            ?? throw new ArgumentException($"Keeper '{Key}' has no committed event {sequence}.", nameof(sequence));
        if (target.Kind is not (IdentityEventKind.Scar or IdentityEventKind.Reflex))
            throw new ArgumentException($"Event {sequence} is a {KernelPayloads.KindName(target.Kind)}; only a scar or a reflex can be compensated.", nameof(sequence));
        var draft = new KernelProposal("", IdentityEventKind.Compensation, target.Subject, target.Evidence, 0, default, Compensates: sequence, Reason: reason);
        return await ProposeAsync(draft);
    }

    public async Task<int> EnterEpoch(EpochMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (mark.Epoch < 0 || mark.RouterStep < 0)
            throw new ArgumentException($"An epoch and its router step are not negative, got epoch {mark.Epoch} at step {mark.RouterStep}.", nameof(mark));
        RequireReason(mark.Reason, "An epoch boundary", nameof(mark));
        if (mark.Epoch <= state.State.Epoch) return state.State.Epoch;

        var tick = Math.Max(state.State.Tick, mark.RouterStep);
        IdentityEvent? boundary = null;
        if (_clock == KeeperClock.Mid)
            boundary = new IdentityEvent(
                NextSequence(), IdentityEventKind.Epoch, $"epoch {mark.Epoch}", NoRegion, $"epoch-{mark.Epoch}", tick, time.GetUtcNow(),
                Epoch: mark.Epoch, Reason: mark.Reason);
        await WriteAsync(s =>
        {
            (s.Tick, s.Epoch, s.EpochStartTick) = (tick, mark.Epoch, tick);
            if (boundary is not null) s.Events.Add(boundary);
        }, boundary is null ? null : new AuditRecord("kernel.epoch", Actor, KernelPayloads.EpochEntered(Key, boundary)));
        LogEpoch(logger, Key, mark.Epoch, tick, mark.Reason);
        if (boundary is not null) journalist.Record(JournalKinds.Kernel, $"Router '{_routerId}' entered epoch {mark.Epoch}: {mark.Reason}.");
        return mark.Epoch;
    }

    /// <summary>Proposes <paramref name="draft"/> (its id, tick, time and epoch are filled in here), paying one token of the budget.</summary>
    private async Task<string> ProposeAsync(KernelProposal draft)
    {
        var (kind, subject, evidence) = (draft.Kind, draft.Subject, draft.Evidence);
        var id = KernelPayloads.ProposalId(kind, subject, evidence, draft.Reflex, draft.Compensates, draft.Reason);
        if (state.State.Proposals.Exists(p => p.Id == id)) return id;

        var governed = await GovernanceAsync();
        ClusterHaltedException.ThrowIfHalted(governed);
        var (failure, routerEpoch) = await CheckEvidenceAsync(draft);
        if (failure is not null)
            throw new ArgumentException($"The evidence does not hold: {failure}. Nothing was proposed.", nameof(draft));

        var budget = KeeperClocks.Budget(governed.Policy.Policy.KeeperBudgets, _clock);
        var bucket = Bucket(budget);
        if (!bucket.TryTake(state.State.Tick, out var wait))
            throw new KeeperBudgetExhaustedException(Key, budget.Tokens, budget.RefillTicks, wait);

        // The epoch is the router's as read with the evidence: the keeper may not have heard of the latest boundary yet.
        var proposal = draft with { Id = id, ProposedAt = state.State.Tick, At = time.GetUtcNow(), Epoch = Math.Max(routerEpoch, state.State.Epoch) };
        await WriteAsync(s =>
        {
            s.Proposals.Add(proposal);
            s.Bucket = new KeeperBucketRecord(bucket.Tokens, bucket.UpdatedTick);
        }, new AuditRecord("kernel.propose", Actor, KernelPayloads.Proposed(Key, proposal)));
        LogProposed(logger, Key, kind, subject, id, proposal.ProposedAt);
        return id;
    }

    public async Task<CommitResult> Commit(string proposalId)
    {
        var proposal = state.State.Proposals.Find(p => p.Id == proposalId)
            ?? throw new ArgumentException($"Keeper '{Key}' has no proposal '{proposalId}'.", nameof(proposalId));
        if (state.State.Results.Find(r => r.ProposalId == proposalId) is { } decided) return decided;

        ClusterHaltedException.ThrowIfHalted(await GovernanceAsync());
        var dwell = KeeperClocks.Dwell(_clock);
        var remaining = KeeperDwell.Remaining(proposal.ProposedAt, state.State.Tick, dwell);
        if (remaining > 0)
            throw new InvalidOperationException(
                $"Proposal '{proposalId}' was made at tick {proposal.ProposedAt}; the {KeeperClocks.Name(_clock)} keeper's dwell is {dwell} ticks " +
                $"and its clock is at {state.State.Tick}: commit again in {remaining} tick(s). Nothing changed.");

        var (failure, routerEpoch) = await CheckEvidenceAsync(proposal);
        var rejections = new List<string>();
        if (failure is not null) rejections.Add($"the evidence no longer holds: {failure}");
        // Epochs re-base the evidence (SPEC 5.3): what was measured before a roster or policy change does not carry over.
        // A compensation cancels an event, which no boundary changes.
        var epoch = Math.Max(routerEpoch, state.State.Epoch);
        if (proposal.Kind != IdentityEventKind.Compensation && proposal.Epoch < epoch)
            rejections.Add($"it was proposed in epoch {proposal.Epoch} and the router is now in epoch {epoch}: evidence from before a roster or policy change no longer holds");
        return await DecideAsync(proposal, rejections.Count == 0 ? null : string.Join("; ", rejections));
    }

    /// <summary>Stores the final decision on <paramref name="proposal"/>: committed when <paramref name="rejection"/> is null.</summary>
    private async Task<CommitResult> DecideAsync(KernelProposal proposal, string? rejection)
    {
        var (tick, epoch) = (state.State.Tick, state.State.Epoch);
        IdentityEvent? committed = null;
        CommitResult result;
        if (rejection is null)
        {
            var sequence = NextSequence();
            committed = new IdentityEvent(sequence, proposal.Kind, proposal.Subject, proposal.Evidence, proposal.Id, tick, time.GetUtcNow(),
                proposal.Compensates, proposal.Reflex, epoch, proposal.Reason);
            var what = proposal.Compensates is { } cancelled
                ? $"compensation of event {cancelled} ('{proposal.Subject}')"
                : $"{KernelPayloads.KindName(proposal.Kind)} of '{proposal.Subject}'";
            result = new CommitResult(proposal.Id, CommitOutcome.Committed, sequence, tick, $"{what} committed as event {sequence}", epoch);
        }
        else
        {
            result = new CommitResult(proposal.Id, CommitOutcome.Rejected, null, tick, rejection, epoch);
        }

        await WriteAsync(s =>
        {
            s.Results.Add(result);
            if (committed is not null) s.Events.Add(committed);
        }, new AuditRecord(committed is null ? "kernel.reject" : "kernel.commit", Actor, KernelPayloads.Decided(Key, proposal, result)));
        LogDecided(logger, Key, proposal.Id, result.Outcome, result.Reason);
        if (committed is not null)
        {
            journalist.Record(JournalKinds.Kernel, $"Router '{_routerId}': {result.Reason} (epoch {epoch}).");
            if (committed.Kind == IdentityEventKind.Scar) await ShareScarAsync(committed);
        }
        if (committed is not null) await SyncScarsAsync();
        return result;
    }

    public async Task<KeeperSnapshot> GetSnapshot()
    {
        var budget = KeeperClocks.Budget((await GovernanceAsync()).Policy.Policy.KeeperBudgets, _clock);
        return new KeeperSnapshot(
            _routerId, _clock, state.State.Tick, Bucket(budget).AvailableAt(state.State.Tick), budget.Tokens, budget.RefillTicks,
            KeeperClocks.Dwell(_clock), [.. state.State.Proposals], [.. state.State.Results], [.. state.State.Events],
            state.State.Epoch, state.State.EpochStartTick);
    }

    public Task<ImmutableArray<Scar>> GetScars() => Task.FromResult(Scars());

    /// <summary>Why the evidence does not hold now, or null when it does.</summary>
    /// <exception cref="KernelUnavailableException">The router or the expert could not be reached to check it.</exception>
    /// <returns>The failure (null when it holds) and the router's epoch as read with it.</returns>
    private Task<(string? Failure, int RouterEpoch)> CheckEvidenceAsync(KernelProposal proposal) => proposal.Kind switch
    {
        IdentityEventKind.Reflex => CheckReflexAsync(
            proposal.Subject, proposal.Reflex ?? throw new InvalidOperationException("A reflex proposal carries its reflex evidence.")),
        IdentityEventKind.Compensation => Task.FromResult((CheckCompensation(
            proposal.Compensates ?? throw new InvalidOperationException("A compensation names the event it cancels.")), state.State.Epoch)),
        _ => CheckScarAsync(proposal.Subject, proposal.Evidence),
    };

    /// <summary>Why event <paramref name="sequence"/> can no longer be compensated (already cancelled), or null.</summary>
    private string? CheckCompensation(long sequence) =>
        state.State.Events.Exists(e => e.Supersedes == sequence) ? $"event {sequence} is already compensated" : null;

    /// <summary>Calls the router or an expert for evidence; a call that cannot get through refuses the write (SPEC 5.2).</summary>
    private async Task<T> ReachAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KernelReach.IsUnreachable(e))
        {
            LogUnreachable(logger, e, Key, what);
            throw new KernelUnavailableException(Key, what, e.Message);
        }
    }

    /// <summary>Why a reflex's gates 1-4 do not pass now, or null when they do (see <see cref="ReflexEvidence"/>, <see cref="ReflexGates"/>).</summary>
    private async Task<(string?, int)> CheckReflexAsync(string expertId, ReflexEvidence evidence)
    {
        var layer = GrainFactory.GetGrain<IRouterLayerGrain>(_routerId);
        var router = await ReachAsync($"router '{_routerId}'", layer.GetSnapshot);
        if (OtherEmbedder(evidence.Centroid, router) is { } moved) return (moved, router.Epoch);
        ScarRegion.Validate(evidence.Centroid.AsSpan(), evidence.Radius, router.Configuration.InputDimension);
        if (!router.Slots.Any(s => s.ExpertId == expertId)) return ($"expert '{expertId}' is not on router '{_routerId}''s roster", router.Epoch);

        var statistics = await ReachAsync($"router '{_routerId}'", () => layer.GetReflexStatistics(expertId, evidence.Centroid, evidence.Radius));
        var failures = new List<string>();
        if (statistics.StableSteps < evidence.StableSteps)
            failures.Add($"the router counts {statistics.StableSteps} stable top-1 step(s), fewer than the {evidence.StableSteps} the evidence names");
        if (statistics.FeedbackSamples < evidence.FeedbackSamples)
            failures.Add($"the router counts {statistics.FeedbackSamples} feedback sample(s), fewer than the {evidence.FeedbackSamples} the evidence names");
        failures.AddRange(ReflexGates.Failures(
            statistics.StableSteps, statistics.PhiSlow, statistics.FeedbackSamples, statistics.FeedbackMean, statistics.OverlappingScars));
        return (failures.Count == 0 ? null : string.Join("; ", failures), router.Epoch);
    }

    /// <summary>Why the scar evidence does not hold now, or null when it does (see <see cref="ScarEvidence"/>).</summary>
    private async Task<(string?, int)> CheckScarAsync(string expertId, ScarEvidence evidence)
    {
        var router = await ReachAsync($"router '{_routerId}'", GrainFactory.GetGrain<IRouterLayerGrain>(_routerId).GetSnapshot);
        if (OtherEmbedder(evidence.Centroid, router) is { } moved) return (moved, router.Epoch);
        ScarRegion.Validate(evidence.Centroid.AsSpan(), evidence.Radius, router.Configuration.InputDimension);
        if (!router.Slots.Any(s => s.ExpertId == expertId)) return ($"expert '{expertId}' is not on router '{_routerId}''s roster", router.Epoch);

        ExpertSnapshot expert;
        try
        {
            expert = await ReachAsync($"expert '{expertId}'", GrainFactory.GetGrain<IExpertGrain>(expertId).GetSnapshot);
        }
        catch (InvalidOperationException e)
        {
            return ($"expert '{expertId}' cannot be read ({e.Message})", router.Epoch);
        }
        if (!ExpertLifecycle.Answers(expert.Status)) return ($"expert '{expertId}' is {expert.Status} and takes no work", router.Epoch);
        if (expert.Counters.Failures < evidence.Failures)
            return ($"expert '{expertId}' has recorded {expert.Counters.Failures} failure(s), fewer than the {evidence.Failures} the evidence names", router.Epoch);
        return (null, router.Epoch);
    }

    /// <summary>
    /// Why a region cannot be checked against the router any more: its centroid has another width than the router's inputs
    /// (the router moved to another embedder since it was measured); null when the widths agree. An evidence failure, not
    /// bad input: a proposal made before a migration is rejected at commit instead of failing every tick.
    /// </summary>
    private static string? OtherEmbedder(ImmutableArray<float> centroid, RouterSnapshot router) =>
        !centroid.IsDefault && centroid.Length > 0 && centroid.Length != router.Configuration.InputDimension
            ? $"the region was measured with {centroid.Length}-value embeddings and router '{router.RouterId}' now takes {router.Configuration.InputDimension} (it moved to another embedder)"
            : null;

    /// <summary>Hands the committed scars (slow keeper) or reflexes (fast keeper) to the router layer, which caches them for its request path; retried on every tick until acknowledged.</summary>
    private async Task SyncScarsAsync()
    {
        // The slow keeper holds the scars, the fast one the reflexes: neither may replace the other's cache.
        if (_clock == KeeperClock.Mid) return;
        if (state.State.Events.Count == 0 || state.State.Events[^1].Sequence <= state.State.RouterSyncedSequence) return;
        var sequence = state.State.Events[^1].Sequence;
        try
        {
            var router = GrainFactory.GetGrain<IRouterLayerGrain>(_routerId);
            if (_clock == KeeperClock.Slow) await router.ApplyScars(sequence, Scars());
            else await router.ApplyReflexes(sequence, Reflexes());
            await WriteAsync(s => s.RouterSyncedSequence = sequence);
        }
        catch (Exception e)
        {
            // Degradation (SPEC 5.2): the commit stands; the router serves with its last known scars meanwhile.
            LogSyncFailed(logger, e, Key, _routerId);
        }
    }

    private ImmutableArray<Scar> Scars()
    {
        var superseded = state.State.Events.Where(e => e.Supersedes is not null).Select(e => e.Supersedes!.Value).ToHashSet();
        return [.. state.State.Events
            .Where(e => e.Kind == IdentityEventKind.Scar && !superseded.Contains(e.Sequence))
            .Select(e => new Scar(e.Sequence, e.Subject, e.Evidence.Centroid, e.Evidence.Radius, e.Epoch))];
    }

    private ImmutableArray<Reflex> Reflexes()
    {
        var superseded = state.State.Events.Where(e => e.Supersedes is not null).Select(e => e.Supersedes!.Value).ToHashSet();
        return [.. state.State.Events
            .Where(e => e.Kind == IdentityEventKind.Reflex && !superseded.Contains(e.Sequence))
            .Select(e => new Reflex(e.Sequence, e.Subject, e.Evidence.Centroid, e.Evidence.Radius, e.Epoch))];
    }

    /// <summary>Publishes a committed scar for this node's CORE peers (SPEC 6); a failure is logged, the commit stands.</summary>
    private async Task ShareScarAsync(IdentityEvent scar)
    {
        if (!federation.Enabled || !federation.ShareScars) return;
        try
        {
            // The router that proposed it serves on this node, so its vectors are this node's embedder's (EmbedderGuard); one
            // of another width recorded none, and is the hashing embedder's at that width (EmbedderCompatibility).
            var node = await embedder.GetIdentityAsync();
            var made = node.Dimension == scar.Evidence.Centroid.Length ? node : EmbedderIdentity.Hashing(scar.Evidence.Centroid.Length);
            await GrainFactory.GetGrain<IFederationPeerGrain>(silo.Name)
                .Publish(FederatedKnowledge.Scar(_routerId, scar.Subject, [.. scar.Evidence.Centroid], scar.Evidence.Radius, made));
        }
        catch (Exception e)
        {
            LogScarNotShared(logger, e, Key, scar.Sequence);
        }
    }

    /// <summary>The longest reason an event may carry (it goes into the audit log and the journal).</summary>
    public const int MaxReasonLength = 500;

    private static void RequireReason(string? reason, string what, string parameter)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw new ArgumentException($"{what} needs a reason of 1 to {MaxReasonLength} characters.", parameter);
    }

    private long NextSequence() => state.State.Events.Count == 0 ? 1 : state.State.Events[^1].Sequence + 1;

    // An epoch boundary or a compensation has no region of its own.
    private static readonly ScarEvidence NoRegion = new([], 0, 0);

    private TickBucket Bucket(KeeperWriteBudget budget) => state.State.Bucket is { } saved
        ? new TickBucket(budget.Tokens, budget.RefillTicks, saved.Tokens, saved.UpdatedTick)
        : TickBucket.Full(budget.Tokens, budget.RefillTicks, state.State.Tick);

    private async Task<GovernanceSnapshot> GovernanceAsync()
    {
        _governanceId ??= (await GrainFactory.GetGrain<IRouterLayerGrain>(_routerId).GetSettings()).GovernanceId ?? GovernanceIds.Cluster;
        return await governance.GetAsync(_governanceId);
    }

    // Applies the change to a copy and writes it (with its audit record in the outbox, then sent); the state changes only when the write succeeded.
    private async Task WriteAsync(Action<KeeperState> change, AuditRecord? audit = null)
    {
        var next = state.State.Copy();
        change(next);
        if (audit is not null) next.Audit = _audit.Add(next.Audit, audit);
        await state.WriteNextAsync(next);
        _writtenTick = next.Tick;
        if (audit is not null) await _audit.FlushAsync();
    }
}

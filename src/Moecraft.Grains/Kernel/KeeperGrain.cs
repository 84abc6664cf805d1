using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Governance;
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
    TimeProvider time,
    ILogger<KeeperGrain> logger) : Grain, IKeeperGrain
{
    private string _routerId = "";
    private KeeperClock _clock;

    // The router's governance id, read once per activation: it decides the budget and the halt flag.
    private string? _governanceId;

    private string Key => this.GetPrimaryKeyString();

    private string Actor => "keeper:" + Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_routerId, _clock) = KeeperClocks.Parse(Key);
        return Task.CompletedTask;
    }

    public async Task<long> Tick(long routerStep)
    {
        if (routerStep < 0) throw new ArgumentException($"A router step is not negative, got {routerStep}.", nameof(routerStep));
        if (routerStep > state.State.Tick) await WriteAsync(s => s.Tick = routerStep);
        await SyncScarsAsync();
        return state.State.Tick;
    }

    public async Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"Unknown identity event kind '{kind}'.", nameof(kind));
        if (kind == IdentityEventKind.Reflex) throw new ArgumentException("A reflex is proposed with its own evidence: use ProposeReflex.", nameof(kind));
        if (KeeperClocks.Of(kind) is var owner && owner != _clock)
            throw new ArgumentException(
                $"A {KernelPayloads.KindName(kind)} is kept by the {KeeperClocks.Name(owner)} keeper, not by '{Key}'.", nameof(kind));
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(subject));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.Failures < 1) throw new ArgumentException($"A scar needs at least one recorded failure, got {evidence.Failures}.", nameof(evidence));

        return await ProposeAsync(kind, subject, evidence, null);
    }

    public async Task<string> ProposeReflex(string expertId, ReflexEvidence evidence)
    {
        if (_clock != KeeperClock.Fast)
            throw new ArgumentException($"A reflex is kept by the fast keeper, not by '{Key}'.", nameof(expertId));
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("The subject (the expert id) must not be empty.", nameof(expertId));
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Centroid.IsDefault) throw new ArgumentException("The evidence needs a centroid.", nameof(evidence));
        if (evidence.StableSteps < 0 || evidence.FeedbackSamples < 0)
            throw new ArgumentException("A reflex's stable steps and feedback samples are not negative.", nameof(evidence));
        return await ProposeAsync(IdentityEventKind.Reflex, expertId, new ScarEvidence(evidence.Centroid, evidence.Radius, 0), evidence);
    }

    private async Task<string> ProposeAsync(IdentityEventKind kind, string subject, ScarEvidence evidence, ReflexEvidence? reflex)
    {
        var id = KernelPayloads.ProposalId(kind, subject, evidence, reflex);
        if (state.State.Proposals.Exists(p => p.Id == id)) return id;

        var governed = await GovernanceAsync();
        ClusterHaltedException.ThrowIfHalted(governed);
        if (await CheckEvidenceAsync(kind, subject, evidence, reflex) is { } failure)
            throw new ArgumentException($"The evidence does not hold: {failure}. Nothing was proposed.", nameof(evidence));

        var budget = KeeperClocks.Budget(governed.Policy.Policy.KeeperBudgets, _clock);
        var bucket = Bucket(budget);
        if (!bucket.TryTake(state.State.Tick, out var wait))
            throw new KeeperBudgetExhaustedException(Key, budget.Tokens, budget.RefillTicks, wait);

        var proposal = new KernelProposal(id, kind, subject, evidence, state.State.Tick, time.GetUtcNow(), reflex);
        await WriteAsync(s =>
        {
            s.Proposals.Add(proposal);
            s.Bucket = new KeeperBucketRecord(bucket.Tokens, bucket.UpdatedTick);
        });
        LogProposed(logger, Key, kind, subject, id, proposal.ProposedAt);
        await AuditAsync("kernel.propose", KernelPayloads.Proposed(Key, proposal));
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

        var failure = await CheckEvidenceAsync(proposal.Kind, proposal.Subject, proposal.Evidence, proposal.Reflex);
        var tick = state.State.Tick;
        IdentityEvent? committed = null;
        CommitResult result;
        if (failure is null)
        {
            var sequence = state.State.Events.Count == 0 ? 1 : state.State.Events[^1].Sequence + 1;
            committed = new IdentityEvent(sequence, proposal.Kind, proposal.Subject, proposal.Evidence, proposal.Id, tick, time.GetUtcNow(), Reflex: proposal.Reflex);
            result = new CommitResult(proposalId, CommitOutcome.Committed, sequence, tick,
                $"{KernelPayloads.KindName(proposal.Kind)} of '{proposal.Subject}' committed as event {sequence}");
        }
        else
        {
            result = new CommitResult(proposalId, CommitOutcome.Rejected, null, tick, $"the evidence no longer holds: {failure}");
        }

        await WriteAsync(s =>
        {
            s.Results.Add(result);
            if (committed is not null) s.Events.Add(committed);
        });
        LogDecided(logger, Key, proposalId, result.Outcome, result.Reason);
        await AuditAsync(committed is null ? "kernel.reject" : "kernel.commit", KernelPayloads.Decided(Key, proposal, result));
        if (committed is not null) await SyncScarsAsync();
        return result;
    }

    public async Task<KeeperSnapshot> GetSnapshot()
    {
        var budget = KeeperClocks.Budget((await GovernanceAsync()).Policy.Policy.KeeperBudgets, _clock);
        return new KeeperSnapshot(
            _routerId, _clock, state.State.Tick, Bucket(budget).AvailableAt(state.State.Tick), budget.Tokens, budget.RefillTicks,
            KeeperClocks.Dwell(_clock), [.. state.State.Proposals], [.. state.State.Results], [.. state.State.Events]);
    }

    public Task<ImmutableArray<Scar>> GetScars() => Task.FromResult(Scars());

    /// <summary>Why the evidence does not hold now, or null when it does.</summary>
    private Task<string?> CheckEvidenceAsync(IdentityEventKind kind, string expertId, ScarEvidence evidence, ReflexEvidence? reflex) =>
        kind == IdentityEventKind.Reflex
            ? CheckReflexAsync(expertId, reflex ?? throw new InvalidOperationException("A reflex proposal carries its reflex evidence."))
            : CheckScarAsync(expertId, evidence);

    /// <summary>Why a reflex's gates 1-4 do not pass now, or null when they do (see <see cref="ReflexEvidence"/>, <see cref="ReflexGates"/>).</summary>
    private async Task<string?> CheckReflexAsync(string expertId, ReflexEvidence evidence)
    {
        var layer = GrainFactory.GetGrain<IRouterLayerGrain>(_routerId);
        var router = await layer.GetSnapshot();
        ScarRegion.Validate(evidence.Centroid.AsSpan(), evidence.Radius, router.Configuration.InputDimension);
        if (!router.Slots.Any(s => s.ExpertId == expertId)) return $"expert '{expertId}' is not on router '{_routerId}''s roster";

        var statistics = await layer.GetReflexStatistics(expertId, evidence.Centroid, evidence.Radius);
        var failures = new List<string>();
        if (statistics.StableSteps < evidence.StableSteps)
            failures.Add($"the router counts {statistics.StableSteps} stable top-1 step(s), fewer than the {evidence.StableSteps} the evidence names");
        if (statistics.FeedbackSamples < evidence.FeedbackSamples)
            failures.Add($"the router counts {statistics.FeedbackSamples} feedback sample(s), fewer than the {evidence.FeedbackSamples} the evidence names");
        failures.AddRange(ReflexGates.Failures(
            statistics.StableSteps, statistics.PhiSlow, statistics.FeedbackSamples, statistics.FeedbackMean, statistics.OverlappingScars));
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    /// <summary>Why the scar evidence does not hold now, or null when it does (see <see cref="ScarEvidence"/>).</summary>
    private async Task<string?> CheckScarAsync(string expertId, ScarEvidence evidence)
    {
        var router = await GrainFactory.GetGrain<IRouterLayerGrain>(_routerId).GetSnapshot();
        ScarRegion.Validate(evidence.Centroid.AsSpan(), evidence.Radius, router.Configuration.InputDimension);
        if (!router.Slots.Any(s => s.ExpertId == expertId)) return $"expert '{expertId}' is not on router '{_routerId}''s roster";

        ExpertSnapshot expert;
        try
        {
            expert = await GrainFactory.GetGrain<IExpertGrain>(expertId).GetSnapshot();
        }
        catch (InvalidOperationException e)
        {
            return $"expert '{expertId}' cannot be read ({e.Message})";
        }
        if (!ExpertLifecycle.Answers(expert.Status)) return $"expert '{expertId}' is {expert.Status} and takes no work";
        if (expert.Counters.Failures < evidence.Failures)
            return $"expert '{expertId}' has recorded {expert.Counters.Failures} failure(s), fewer than the {evidence.Failures} the evidence names";
        return null;
    }

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
            .Select(e => new Scar(e.Sequence, e.Subject, e.Evidence.Centroid, e.Evidence.Radius))];
    }

    private ImmutableArray<Reflex> Reflexes()
    {
        var superseded = state.State.Events.Where(e => e.Supersedes is not null).Select(e => e.Supersedes!.Value).ToHashSet();
        return [.. state.State.Events
            .Where(e => e.Kind == IdentityEventKind.Reflex && !superseded.Contains(e.Sequence))
            .Select(e => new Reflex(e.Sequence, e.Subject, e.Evidence.Centroid, e.Evidence.Radius))];
    }

    private TickBucket Bucket(KeeperWriteBudget budget) => state.State.Bucket is { } saved
        ? new TickBucket(budget.Tokens, budget.RefillTicks, saved.Tokens, saved.UpdatedTick)
        : TickBucket.Full(budget.Tokens, budget.RefillTicks, state.State.Tick);

    private async Task<GovernanceSnapshot> GovernanceAsync()
    {
        _governanceId ??= (await GrainFactory.GetGrain<IRouterLayerGrain>(_routerId).GetSettings()).GovernanceId ?? GovernanceIds.Cluster;
        return await governance.GetAsync(_governanceId);
    }

    // Applies the change to a copy and writes it; the state changes only when the write succeeded.
    private async Task WriteAsync(Action<KeeperState> change)
    {
        var next = state.State.Copy();
        change(next);
        await state.WriteNextAsync(next);
    }

    private Task AuditAsync(string kind, string payload) =>
        GrainFactory.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).Append(new AuditRecord(kind, Actor, payload));
}

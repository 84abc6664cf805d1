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

    // What the keeper decides: validation, budget, commit rules, epochs and projections (the grain reads and writes).
    private KeeperBook _book = null!;

    // The tick as last stored.
    private long _writtenTick;

    // The router's governance id, read once per activation: it decides the budget and the halt flag.
    private string? _governanceId;

    // Proposals, decisions and epoch boundaries are audited through it: stored with the change, then sent.
    private AuditOutbox _audit = null!;

    private string Key => this.GetPrimaryKeyString();

    private string Actor => "keeper:" + Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new KeeperBook(Key);
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
        foreach (var id in _book.Due(state.State))
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

    public async Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, bool commitWhenDue = false) =>
        await ProposeAsync(_book.Draft(kind, subject, evidence, commitWhenDue));

    public async Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, bool commitWhenDue = false) =>
        await ProposeAsync(_book.DraftReflex(expertId, evidence, commitWhenDue));

    public async Task<string> ProposeCompensation(long sequence, string reason) =>
        await ProposeAsync(_book.DraftCompensation(state.State, sequence, reason));

    public async Task<int> EnterEpoch(EpochMark mark)
    {
        if (_book.Enter(state.State, mark, time.GetUtcNow()) is not { } entered) return state.State.Epoch;
        var boundary = entered.Boundary;
        await WriteAsync(entered.Apply, boundary is null ? null : new AuditRecord("kernel.epoch", Actor, KernelPayloads.EpochEntered(Key, boundary)));
        LogEpoch(logger, Key, mark.Epoch, entered.Tick, mark.Reason);
        if (boundary is not null) journalist.Record(JournalKinds.Kernel, $"Router '{_book.RouterId}' entered epoch {mark.Epoch}: {mark.Reason}.");
        return mark.Epoch;
    }

    /// <summary>Proposes <paramref name="draft"/> unless it is on the book already: governance, evidence and budget permitting.</summary>
    private async Task<string> ProposeAsync(KernelProposal draft)
    {
        if (KeeperBook.IsProposed(state.State, draft.Id)) return draft.Id;
        var governed = await GovernanceAsync();
        ClusterHaltedException.ThrowIfHalted(governed);
        var (failure, routerEpoch) = await CheckEvidenceAsync(draft);
        var budget = KeeperClocks.Budget(governed.Policy.Policy.KeeperBudgets, _book.Clock);
        var proposed = _book.Accept(state.State, draft, failure, routerEpoch, budget, time.GetUtcNow());
        var proposal = proposed.Proposal;
        await WriteAsync(proposed.Apply, new AuditRecord("kernel.propose", Actor, KernelPayloads.Proposed(Key, proposal)));
        LogProposed(logger, Key, proposal.Kind, proposal.Subject, proposal.Id, proposal.ProposedAt);
        return proposal.Id;
    }

    public async Task<CommitResult> Commit(string proposalId)
    {
        var proposal = _book.ProposalOf(state.State, proposalId);
        if (KeeperBook.DecisionOf(state.State, proposalId) is { } decided) return decided;

        ClusterHaltedException.ThrowIfHalted(await GovernanceAsync());
        _book.RequireDwellOver(state.State, proposal);
        var (failure, routerEpoch) = await CheckEvidenceAsync(proposal);
        var decision = _book.Decide(state.State, proposal, failure, routerEpoch, time.GetUtcNow());
        var (result, committed) = (decision.Result, decision.Event);
        await WriteAsync(decision.Apply,
            new AuditRecord(committed is null ? "kernel.reject" : "kernel.commit", Actor, KernelPayloads.Decided(Key, proposal, result)));
        LogDecided(logger, Key, proposal.Id, result.Outcome, result.Reason);
        if (committed is null) return result;

        journalist.Record(JournalKinds.Kernel, $"Router '{_book.RouterId}': {result.Reason} (epoch {result.Epoch}).");
        if (committed.Kind == IdentityEventKind.Scar) await ShareScarAsync(committed);
        await SyncScarsAsync();
        return result;
    }

    public async Task<KeeperSnapshot> GetSnapshot() =>
        _book.Snapshot(state.State, KeeperClocks.Budget((await GovernanceAsync()).Policy.Policy.KeeperBudgets, _book.Clock));

    public Task<ImmutableArray<Scar>> GetScars() => Task.FromResult(KeeperBook.Scars(state.State.Events));

    /// <summary>Why the evidence does not hold now, or null when it does.</summary>
    /// <exception cref="KernelUnavailableException">The router or the expert could not be reached to check it.</exception>
    /// <returns>The failure (null when it holds) and the router's epoch as read with it.</returns>
    private Task<(string? Failure, int RouterEpoch)> CheckEvidenceAsync(KernelProposal proposal) => proposal.Kind switch
    {
        IdentityEventKind.Reflex => CheckReflexAsync(
            proposal.Subject, proposal.Reflex ?? throw new InvalidOperationException("A reflex proposal carries its reflex evidence.")),
        IdentityEventKind.Compensation => Task.FromResult((KeeperBook.CompensationFailure(state.State,
            proposal.Compensates ?? throw new InvalidOperationException("A compensation names the event it cancels.")), state.State.Epoch)),
        _ => CheckScarAsync(proposal.Subject, proposal.Evidence),
    };

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

    /// <summary>Reads a reflex's gates 1-4 from the router (see <see cref="KernelEvidence.AgainstStatistics"/>).</summary>
    private async Task<(string?, int)> CheckReflexAsync(string expertId, ReflexEvidence evidence)
    {
        var layer = GrainFactory.GetGrain<IRouterLayerGrain>(_book.RouterId);
        var router = await ReachAsync($"router '{_book.RouterId}'", layer.GetSnapshot);
        if (KernelEvidence.AgainstRouter(router, expertId, evidence.Centroid, evidence.Radius) is { } failure) return (failure, router.Epoch);
        var statistics = await ReachAsync($"router '{_book.RouterId}'", () => layer.GetReflexStatistics(expertId, evidence.Centroid, evidence.Radius));
        return (KernelEvidence.AgainstStatistics(statistics, evidence), router.Epoch);
    }

    /// <summary>Reads a scar's evidence from the router and the expert (see <see cref="KernelEvidence.AgainstExpert"/>).</summary>
    private async Task<(string?, int)> CheckScarAsync(string expertId, ScarEvidence evidence)
    {
        var router = await ReachAsync($"router '{_book.RouterId}'", GrainFactory.GetGrain<IRouterLayerGrain>(_book.RouterId).GetSnapshot);
        if (KernelEvidence.AgainstRouter(router, expertId, evidence.Centroid, evidence.Radius) is { } failure) return (failure, router.Epoch);
        try
        {
            var expert = await ReachAsync($"expert '{expertId}'", GrainFactory.GetGrain<IExpertGrain>(expertId).GetSnapshot);
            return (KernelEvidence.AgainstExpert(expertId, expert.Status, expert.Counters.Failures, evidence), router.Epoch);
        }
        catch (InvalidOperationException e)
        {
            return ($"expert '{expertId}' cannot be read ({e.Message})", router.Epoch);
        }
    }

    /// <summary>Hands the committed scars (slow keeper) or reflexes (fast keeper) to the router layer, which caches them for its request path; retried on every tick until acknowledged.</summary>
    private async Task SyncScarsAsync()
    {
        if (_book.UnsyncedSequence(state.State) is not { } sequence) return;
        try
        {
            var router = GrainFactory.GetGrain<IRouterLayerGrain>(_book.RouterId);
            if (_book.Clock == KeeperClock.Slow) await router.ApplyScars(sequence, KeeperBook.Scars(state.State.Events));
            else await router.ApplyReflexes(sequence, KeeperBook.Reflexes(state.State.Events));
            await WriteAsync(s => s.RouterSyncedSequence = sequence);
        }
        catch (Exception e)
        {
            // Degradation (SPEC 5.2): the commit stands; the router serves with its last known scars meanwhile.
            LogSyncFailed(logger, e, Key, _book.RouterId);
        }
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
                .Publish(FederatedKnowledge.Scar(_book.RouterId, scar.Subject, [.. scar.Evidence.Centroid], scar.Evidence.Radius, made));
        }
        catch (Exception e)
        {
            LogScarNotShared(logger, e, Key, scar.Sequence);
        }
    }

    private async Task<GovernanceSnapshot> GovernanceAsync()
    {
        _governanceId ??= (await GrainFactory.GetGrain<IRouterLayerGrain>(_book.RouterId).GetSettings()).GovernanceId ?? GovernanceIds.Cluster;
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

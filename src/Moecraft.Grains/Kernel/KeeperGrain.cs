using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// A temporal keeper (SPEC 5): the clock of one of a router's three timescales, a persisted write budget, two-step
/// commits with dwell and re-checked evidence, and an append-only log of committed identity events. <see cref="KeeperBook"/>
/// decides; the grain keeps the state, reads evidence and writes. The router's evidence always comes with the call: its
/// router sends it with its ticks and its own proposals and takes the committed scars or reflexes from the tick's answer,
/// and an operator's call comes through <see cref="IKeeperOperatorGrain"/>, which reads the router first and hands it what
/// was committed. A keeper never calls its router: calls go one way.
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

    // Checks the evidence: the router's as sent with the call, the expert's read now.
    private KeeperEvidenceReader _evidence = null!;

    // Committed scars go to this node's CORE peers (SPEC 6).
    private ScarSharing _scars = null!;

    // The tick as last stored.
    private long _writtenTick;

    // Proposals, decisions and epoch boundaries are audited through it: stored with the change, then sent.
    private AuditOutbox _audit = null!;

    private string Key => this.GetPrimaryKeyString();

    private string Actor => "keeper:" + Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new KeeperBook(Key);
        _evidence = new KeeperEvidenceReader(GrainFactory, Key, _book.RouterId, (e, what) => LogUnreachable(logger, e, Key, what));
        _scars = new ScarSharing(GrainFactory, federation, embedder, silo.Name, (e, sequence) => LogScarNotShared(logger, e, Key, sequence));
        _writtenTick = state.State.Tick;
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => state.State.Audit, update => WriteAsync(s => s.Audit = update(s.Audit)), logger);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful stop stores the clock's last unwritten ticks.
        if (state.State.Tick > _writtenTick) await state.WriteStateAsync(cancellationToken);
    }

    public async Task<KeeperTickReport> Tick(KeeperTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        await AdvanceAsync(tick.RouterStep);
        await CommitDueAsync(tick.Evidence);
        return _book.Report(state.State, tick.HeldSequence);
    }

    private async Task AdvanceAsync(long routerStep)
    {
        if (routerStep < 0) throw new ArgumentException($"A router step is not negative, got {routerStep}.", nameof(routerStep));
        if (routerStep <= state.State.Tick) return;
        // The clock is written every TickWriteInterval ticks (and with every other write): after a crash it resumes a little
        // behind and the router's next tick brings it forward, which only ever delays a commit.
        if (routerStep - _writtenTick >= TickWriteInterval) await WriteAsync(s => s.Tick = routerStep);
        else state.State.Tick = routerStep;
    }

    /// <summary>Commits the self-committing proposals whose dwell has passed; one that cannot be decided now waits for a later tick.</summary>
    private async Task CommitDueAsync(RouterEvidence sent)
    {
        foreach (var id in _book.Due(state.State))
        {
            try
            {
                await CommitAsync(id, sent);
            }
            catch (Exception e) when (e is KernelUnavailableException or ClusterHaltedException)
            {
                LogAutoCommitDeferred(logger, e, Key, id);
            }
        }
    }

    public async Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, RouterEvidence router, bool commitWhenDue = false) =>
        await ProposeAsync(_book.Draft(kind, subject, evidence, commitWhenDue), router ?? throw new ArgumentNullException(nameof(router)));

    public async Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, ReflexStatistics statistics, RouterEvidence router, bool commitWhenDue = false)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(router);
        var draft = _book.DraftReflex(expertId, evidence, commitWhenDue);
        return await ProposeAsync(draft, router with { Reflexes = [new ReflexReading(draft.Id, statistics)] });
    }

    public async Task<string> ProposeCompensation(long sequence, string reason, RouterEvidence router) =>
        await ProposeAsync(_book.DraftCompensation(state.State, sequence, reason), router ?? throw new ArgumentNullException(nameof(router)));

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
    private async Task<string> ProposeAsync(KernelProposal draft, RouterEvidence sent)
    {
        if (KeeperBook.IsProposed(state.State, draft.Id)) return draft.Id;
        var governed = await GovernanceAsync(sent);
        ClusterHaltedException.ThrowIfHalted(governed);
        var (failure, routerEpoch) = await _evidence.CheckAsync(draft, state.State, sent);
        var proposed = _book.Accept(state.State, draft, failure, routerEpoch, _book.BudgetIn(governed), time.GetUtcNow());
        var proposal = proposed.Proposal;
        await WriteAsync(proposed.Apply, new AuditRecord("kernel.propose", Actor, KernelPayloads.Proposed(Key, proposal)));
        LogProposed(logger, Key, proposal.Kind, proposal.Subject, proposal.Id, proposal.ProposedAt);
        return proposal.Id;
    }

    public Task<CommitResult> Commit(string proposalId, RouterEvidence router) => CommitAsync(proposalId, router ?? throw new ArgumentNullException(nameof(router)));

    /// <summary>Decides a proposal after its dwell, against the evidence <paramref name="sent"/> with the call.</summary>
    private async Task<CommitResult> CommitAsync(string proposalId, RouterEvidence sent)
    {
        var proposal = _book.ProposalOf(state.State, proposalId);
        if (KeeperBook.DecisionOf(state.State, proposalId) is { } decided) return decided;

        ClusterHaltedException.ThrowIfHalted(await GovernanceAsync(sent));
        _book.RequireDwellOver(state.State, proposal);
        var (failure, routerEpoch) = await _evidence.CheckAsync(proposal, state.State, sent);
        var decision = _book.Decide(state.State, proposal, failure, routerEpoch, time.GetUtcNow());
        var (result, committed) = (decision.Result, decision.Event);
        await WriteAsync(decision.Apply,
            new AuditRecord(committed is null ? "kernel.reject" : "kernel.commit", Actor, KernelPayloads.Decided(Key, proposal, result)));
        LogDecided(logger, Key, proposal.Id, result.Outcome, result.Reason);
        if (committed is null) return result;

        journalist.Record(JournalKinds.Kernel, $"Router '{_book.RouterId}': {result.Reason} (epoch {result.Epoch}).");
        if (committed.Kind == IdentityEventKind.Scar) await _scars.PublishAsync(_book.RouterId, committed);
        return result;
    }

    public async Task<KeeperSnapshot> GetSnapshot() =>
        _book.Snapshot(state.State, _book.BudgetIn(await governance.GetAsync(state.State.GovernanceId ?? GovernanceIds.Cluster)));

    public Task<ImmutableArray<RegionClaim>> GetScars() => Task.FromResult(KeeperBook.Scars(state.State.Events));

    /// <summary>The router's governance as <paramref name="sent"/>: it decides the budget and the halt flag, and is kept for snapshots.</summary>
    private async Task<GovernanceSnapshot> GovernanceAsync(RouterEvidence sent)
    {
        if (sent.GovernanceId != state.State.GovernanceId) await WriteAsync(s => s.GovernanceId = sent.GovernanceId);
        return await governance.GetAsync(sent.GovernanceId);
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

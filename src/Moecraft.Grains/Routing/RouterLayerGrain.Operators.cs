using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Journal;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// Operators' roster changes (a slot's lifecycle move, an applied lifecycle decision): each is stored together with its
/// audit entry (<see cref="AuditOutbox"/>) and names who made it, in the epoch's reason, the journal and the audit log.
/// </summary>
public sealed partial class RouterLayerGrain
{
    private AuditOutbox _audit = null!;

    public Task SetExpertStatus(string expertId, ExpertStatus status) => SetExpertStatus(expertId, status, OperatorActions.Unattributed);

    public async Task SetExpertStatus(string expertId, ExpertStatus status, string actor)
    {
        RequireConfigured();
        OperatorActions.ValidateActor(actor);
        var next = state.State.Copy();
        if (RouterRoster.Move(next, RouterRoster.RequireSlot(next, expertId), status))
            await CommitEpochAsync(next,
                $"expert '{expertId}' moved to {status} {OperatorActions.By(actor)}",
                epoch => OperatorActions.RosterStatus(RouterId, expertId, status, epoch, actor));
    }

    public Task<LifecycleDecisionRecord> ApplyProposal(long id) => ApplyProposal(id, OperatorActions.Unattributed);

    public async Task<LifecycleDecisionRecord> ApplyProposal(long id, string actor)
    {
        RequireConfigured();
        OperatorActions.ValidateActor(actor);
        var log = decisions.State.Copy();
        var index = log.Decisions.FindIndex(d => d.Id == id);
        if (index < 0) throw new ArgumentException($"Router '{RouterId}' has no lifecycle decision {id}.", nameof(id));
        var decision = log.Decisions[index];
        if (decision.Status == LifecycleDecisionStatus.Proposed && decision.Epoch != state.State.Epoch)
        {
            decision = decision with { Status = LifecycleDecisionStatus.Superseded };
            log.Decisions[index] = decision;
            await decisions.WriteNextAsync(log);
        }
        if (decision.Status != LifecycleDecisionStatus.Proposed || decision.ChosenCandidate is not { } edit)
            throw new InvalidOperationException($"Lifecycle decision {id} is {decision.Status}; only a proposed edit can be applied.");
        if (RouterEngines.PruneEvidence(state.State, edit, RouterId) is { Holds: false } verdict)
            throw new InvalidOperationException(
                $"Router '{RouterId}' will not prune slot {edit.Slots[0]}: its ablation evidence no longer holds ({verdict.Reason}). Nothing changed.");

        var next = state.State.Copy();
        var applied = LifecycleExecutor.Apply(next, log, index, edit);
        // The roster (with the audit entry) first: a crash between the writes leaves an executed edit still marked
        // proposed, which the epoch check above then supersedes, never an edit marked applied that did not happen.
        await CommitEpochAsync(next, AppliedReason(applied), epoch => OperatorActions.DecisionApplied(RouterId, applied, edit, epoch, actor), log);
        LogApplied(logger, RouterId, applied.Id, edit.Edit, state.State.Epoch);
        await journalist.RecordAsync(JournalKinds.LifecycleEdit, AppliedText(applied, OperatorActions.By(actor)));
        return applied;
    }

    private Task WriteAuditAsync(Func<AuditOutboxState, AuditOutboxState> update) => WriteAsync(next => next.Audit = update(next.Audit));
}

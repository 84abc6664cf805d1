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
        if (RouterRoster.Move(state.State, RouterRoster.RequireSlot(state.State, expertId), status))
            await CommitEpochAsync(
                $"expert '{expertId}' moved to {status} {OperatorActions.By(actor)}",
                epoch => OperatorActions.RosterStatus(RouterId, expertId, status, epoch, actor));
    }

    public Task<LifecycleDecisionRecord> ApplyProposal(long id) => ApplyProposal(id, OperatorActions.Unattributed);

    public async Task<LifecycleDecisionRecord> ApplyProposal(long id, string actor)
    {
        RequireConfigured();
        OperatorActions.ValidateActor(actor);
        var index = decisions.State.Decisions.FindIndex(d => d.Id == id);
        if (index < 0) throw new ArgumentException($"Router '{RouterId}' has no lifecycle decision {id}.", nameof(id));
        var decision = decisions.State.Decisions[index];
        if (decision.Status == LifecycleDecisionStatus.Proposed && decision.Epoch != state.State.Epoch)
        {
            decision = decision with { Status = LifecycleDecisionStatus.Superseded };
            decisions.State.Decisions[index] = decision;
            await decisions.WriteStateAsync();
        }
        if (decision.Status != LifecycleDecisionStatus.Proposed || decision.ChosenCandidate is not { } edit)
            throw new InvalidOperationException($"Lifecycle decision {id} is {decision.Status}; only a proposed edit can be applied.");

        RequirePruneEvidence(edit);
        var applied = Apply(index, edit);
        // The roster (with the audit entry) first: a crash between the writes leaves an executed edit still marked
        // proposed, which the epoch check above then supersedes, never an edit marked applied that did not happen.
        await WriteAuditedAsync(OperatorActions.DecisionApplied(RouterId, applied, edit, state.State.Epoch, actor));
        try
        {
            await decisions.WriteStateAsync();
        }
        finally
        {
            await _audit.FlushAsync();
        }
        AnnounceEpoch();
        await journalist.RecordAsync(JournalKinds.LifecycleEdit, AppliedText(applied, OperatorActions.By(actor)));
        return applied;
    }

    /// <summary>
    /// Writes the state holding an operator's change together with <paramref name="record"/>. A failed write drops the
    /// activation, so the change and its entry never live on in memory for a later write to store apart.
    /// </summary>
    private async Task WriteAuditedAsync(AuditRecord record)
    {
        state.State.Audit = _audit.Add(state.State.Audit, record);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private Task WriteAuditAsync(Func<AuditOutboxState, AuditOutboxState> update)
    {
        state.State.Audit = update(state.State.Audit);
        return state.WriteStateAsync();
    }
}

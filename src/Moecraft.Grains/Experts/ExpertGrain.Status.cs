using Moecraft.Audit;
using Moecraft.Journal;

namespace Moecraft.Experts;

/// <summary>Lifecycle moves, each stored with its audit entry and journaled under the name of who moved it.</summary>
public sealed partial class ExpertGrain
{
    public Task<ExpertSnapshot> SetStatus(ExpertStatus status) => SetStatus(status, OperatorActions.Unattributed);

    public async Task<ExpertSnapshot> SetStatus(ExpertStatus status, string actor)
    {
        RequireRegistered();
        OperatorActions.ValidateActor(actor);
        if (status == ExpertStatus.Unregistered || !Enum.IsDefined(status))
            throw new ArgumentException($"'{status}' is not a lifecycle status an expert can be moved to.", nameof(status));
        var expertId = this.GetPrimaryKeyString();
        var from = state.State.Status;
        if (!ExpertLifecycle.CanMove(from, status))
            throw new InvalidOperationException($"Expert '{expertId}' cannot move from {from} to {status}.");
        if (from == status) return Snapshot();

        // The move and its audit entry are one write; when it fails, neither stays in memory for a later write to carry.
        var audit = state.State.Audit;
        state.State.Status = status;
        state.State.Audit = _audit.Add(audit, OperatorActions.ExpertStatus(expertId, from, status, actor));
        try
        {
            await Writer.WriteAsync();
        }
        catch
        {
            state.State.Status = from;
            state.State.Audit = audit;
            throw;
        }
        LogStatusMoved(logger, expertId, from, status, actor);
        await _audit.FlushAsync();
        await journalist.RecordAsync(JournalKinds.LifecycleEdit, OperatorActions.ExpertStatusText(expertId, from, status, actor));
        return Snapshot();
    }

    private Task WriteAuditAsync(Func<AuditOutboxState, AuditOutboxState> update)
    {
        state.State.Audit = update(state.State.Audit);
        return Writer.WriteAsync();
    }
}

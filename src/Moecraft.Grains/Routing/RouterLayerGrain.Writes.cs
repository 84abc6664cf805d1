using Moecraft.Audit;

namespace Moecraft.Routing;

/// <summary>
/// Writing the router's state: every change builds the next state on a copy and writes it
/// (<see cref="PersistentStateWrites.WriteNextAsync"/>), so a failed write leaves the router as it was; only the routed
/// units and engine statistics change in memory first and are stored as they stand (see <see cref="FlushCountersAsync"/>).
/// </summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>
    /// Starts an epoch on <paramref name="next"/> for a roster or policy change and writes it (with the audit entry
    /// <paramref name="audit"/> makes of the new epoch, for an operator's change), then the decision log with its
    /// proposals superseded (<paramref name="log"/> when the change edited it too), and tells the keepers.
    /// </summary>
    private async Task CommitEpochAsync(RouterLayerState next, string reason, Func<int, AuditRecord>? audit = null, LifecycleDecisionLog? log = null)
    {
        RouterEpochs.Start(next, reason, time.GetUtcNow());
        if (audit is not null) next.Audit = _audit.Add(next.Audit, audit(next.Epoch));
        await WriteAsync(next);
        DropKernel();
        try
        {
            var superseded = log ?? decisions.State.Copy();
            if (superseded.SupersedeProposals() || log is not null) await decisions.WriteNextAsync(superseded);
        }
        finally
        {
            if (audit is not null) await _audit.FlushAsync();
        }
        AnnounceEpoch();
    }

    /// <summary>
    /// Writes <paramref name="next"/> as the router's state: only once the write succeeded is it the state, so a failed
    /// write leaves the router as it was. It holds the statistics changed in memory, so they are stored too.
    /// </summary>
    private async Task WriteAsync(RouterLayerState next)
    {
        await state.WriteNextAsync(next);
        _countersDirty = false;
    }

    /// <summary>Writes a copy of the state with <paramref name="change"/> made (see <see cref="WriteAsync(RouterLayerState)"/>).</summary>
    private Task WriteAsync(Action<RouterLayerState> change)
    {
        var next = state.State.Copy();
        change(next);
        return WriteAsync(next);
    }
}

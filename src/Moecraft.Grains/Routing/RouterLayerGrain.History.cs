namespace Moecraft.Routing;

// The health history: a snapshot per period on a grain timer (and at deactivation), never on the request path.
public sealed partial class RouterLayerGrain
{
    public Task<RouterHealthHistory> GetHealthHistory()
    {
        RequireConfigured();
        return Task.FromResult(new RouterHealthHistory(
            RouterId, historySettings.Period, historySettings.Kept, [.. healthLog.State.Snapshots], [.. state.State.Epochs]));
    }

    /// <summary>
    /// Takes a snapshot of the router's health when it moved since the last one, and writes the history as a new copy: a
    /// failed write leaves the history as stored, and the next period tries again.
    /// </summary>
    private async Task RecordHealthAsync()
    {
        if (state.State.Configuration is null || !healthLog.State.IsDue(state.State.Engine?.Steps ?? 0, state.State.Epoch)) return;
        await healthLog.WriteNextAsync(healthLog.State.With(RouterReports.Snapshot(time.GetUtcNow(), GetHealthReport()), historySettings.Kept));
    }
}

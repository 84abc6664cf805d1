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

    /// <summary>Takes a snapshot of the router's health when it moved since the last one, and writes the history.</summary>
    private async Task RecordHealthAsync()
    {
        if (state.State.Configuration is null || !healthLog.State.IsDue(state.State.Engine?.Steps ?? 0, state.State.Epoch)) return;
        healthLog.State.Add(RouterReports.Snapshot(time.GetUtcNow(), GetHealthReport()), historySettings.Kept);
        await healthLog.WriteStateAsync();
    }
}

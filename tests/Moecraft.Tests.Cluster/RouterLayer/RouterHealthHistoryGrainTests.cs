using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.RouterLayer;

/// <summary>
/// A router layer's health history through the grain, on a one-silo SQLite cluster whose routers take a snapshot every
/// 200 ms and keep three: it grows as the router observes steps, drops the oldest, and survives a reactivation.
/// </summary>
public sealed class RouterHealthHistoryGrainTests
{
    private const int Width = 6;
    private const int Dimension = 8;
    private const int Kept = 3;

    [Fact]
    public async Task The_history_grows_with_observed_steps_keeps_the_newest_and_survives_reactivation()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 1, configure: o =>
        {
            o.Routers.HealthHistoryPeriod = TimeSpan.FromMilliseconds(200);
            o.Routers.HealthHistoryKept = Kept;
        });
        var router = cluster.Client.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("history"));
        await router.Configure(RouterConfiguration.Default with { Width = Width, InputDimension = Dimension, TopK = 2 });
        for (var e = 0; e < 4; e++) await router.RegisterExpert($"e{e}");
        Assert.Empty((await router.GetHealthHistory()).Snapshots);

        var traces = new SyntheticTraces(Width, Dimension, seed: 3);
        bool[] mask = [true, true, true, true, false, false];
        var sizes = new List<int>();
        for (var step = 1; step <= Kept + 2; step++)
        {
            await router.ObserveTrace(traces.Step(mask));
            var grown = await NewestAtStepAsync(router, step);
            sizes.Add(grown.Snapshots.Length);
        }

        Assert.Equal([1, 2, 3, 3, 3], sizes);
        var history = await router.GetHealthHistory();
        Assert.Equal(TimeSpan.FromMilliseconds(200), history.Period);
        Assert.Equal(Kept, history.Kept);
        Assert.Equal([3L, 4, 5], history.Snapshots.Select(s => s.Steps));
        Assert.True(history.Snapshots.Select(s => s.At).SequenceEqual(history.Snapshots.Select(s => s.At).Order()));
        var newest = history.Snapshots[^1];
        Assert.Equal(4, newest.Experts.Length);
        Assert.All(newest.Experts, e => Assert.True(double.IsFinite(e.Phi.Fast), $"{e.ExpertId}: phi {e.Phi.Fast}"));
        Assert.True(double.IsFinite(newest.EffectiveExperts));
        Assert.Equal([0, 1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.Equal("configured", history.Epochs[0].Reason);
        Assert.Contains("'e3' joined", history.Epochs[^1].Reason, StringComparison.Ordinal);

        await cluster.Cluster.DeactivateAsync(router);

        var reactivated = await router.GetHealthHistory();
        Assert.Equal(history.Snapshots.Select(s => (s.At, s.Steps, s.Epoch)), reactivated.Snapshots.Select(s => (s.At, s.Steps, s.Epoch)));
        Assert.Equal(history.Snapshots[^1].Experts.Select(e => e.Phi), reactivated.Snapshots[^1].Experts.Select(e => e.Phi));
        Assert.Equal(history.Epochs.ToArray(), reactivated.Epochs.ToArray());
    }

    private static Task<RouterHealthHistory> NewestAtStepAsync(IRouterLayerGrain router, long step) => Eventually.Succeeds(async () =>
    {
        var history = await router.GetHealthHistory();
        return history.Snapshots is [.., var newest] && newest.Steps == step
            ? history
            : throw new InvalidOperationException($"newest snapshot at step {(history.Snapshots.IsEmpty ? 0 : history.Snapshots[^1].Steps)}");
    }, TimeSpan.FromSeconds(20), $"a snapshot at step {step}");
}

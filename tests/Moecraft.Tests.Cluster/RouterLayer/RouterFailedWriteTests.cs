using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.RouterLayer;

/// <summary>
/// A router layer builds its next state and makes it its state only once the write succeeded: when the write fails, the
/// caller gets the error and the router holds what it held (epoch, roster, settings, scars), without hand-written undo.
/// Own cluster: its grain storage fails on demand.
/// </summary>
public sealed class RouterFailedWriteTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage.Switch _faults = new();
    private SqliteTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SqliteTestCluster.StartAsync(silos: 1, configureSilo: s => FaultyGrainStorage.Install(s, _faults));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Failed_writes_of_roster_settings_and_scar_changes_leave_the_router_as_it_was()
    {
        var grains = _cluster.Client;
        var (routerId, experts) = await TestRouters.CreateAsync(grains, "failed-write");
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        var newcomer = TestRouters.Expert($"{routerId}-newcomer", 1m, 1m);
        await grains.GetGrain<IExpertGrain>(newcomer.Id).Register(newcomer);
        var before = await ReadAsync(router);

        _faults.FailWrites("router-layer", routerId);
        await Assert.ThrowsAnyAsync<Exception>(() => router.RegisterExpert(newcomer.Id));
        Assert.Equal(before, await ReadAsync(router));
        await Assert.ThrowsAnyAsync<Exception>(() => router.SetExpertStatus(experts[0], ExpertStatus.Cooling, "ops"));
        Assert.Equal(before, await ReadAsync(router));
        await Assert.ThrowsAnyAsync<Exception>(() => router.UpdateSettings(RouterSettings.Default with { LifecycleInterval = 7 }));
        Assert.Equal(before, await ReadAsync(router));
        var dimension = (await router.GetSnapshot()).Configuration.InputDimension;
        var scar = new RegionClaim(1, experts[0], [.. TestExperts.Vector(5, dimension)], 0.05);
        await Assert.ThrowsAnyAsync<Exception>(() => router.ApplyScars(1, [scar]));
        Assert.Equal(before, await ReadAsync(router));

        // The same changes once writes succeed again: each takes effect, so the comparisons above could fail.
        _faults.Heal();
        await router.RegisterExpert(newcomer.Id);
        await router.SetExpertStatus(experts[0], ExpertStatus.Cooling, "ops");
        await router.UpdateSettings(RouterSettings.Default with { LifecycleInterval = 7 });
        await router.ApplyScars(1, [scar]);
        var after = await ReadAsync(router);
        Assert.Equal(before.Epoch + 2, after.Epoch);
        Assert.Contains($"{newcomer.Id}:True", after.Roster);
        Assert.Contains($"{experts[0]}:False", after.Roster);
        Assert.Equal(7, after.LifecycleInterval);
        Assert.Equal(1, after.Scars);
    }

    [Fact]
    public async Task A_failed_write_of_a_learned_answer_score_leaves_the_acceptability_predictor_as_it_was()
    {
        var grains = _cluster.Client;
        var (routerId, experts) = await TestRouters.CreateAsync(grains, "failed-acceptability");
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        var dimension = (await router.GetSnapshot()).Configuration.InputDimension;
        ImmutableArray<float> input = [.. TestExperts.Vector(3, dimension)];
        ImmutableArray<float> statistics = [.. PromptStatistics.Of("name a prime")];
        ImmutableArray<float> answer = [.. AnswerFeatures.Of(TestExperts.Vector(3, dimension), statistics.AsSpan(), TestExperts.Vector(4, dimension), AnswerStatistics.OfAnswer("The answer is 7."))];
        for (var i = 0; i < RouterLayerGrain.AcceptabilityMinimumSamples; i++) await router.LearnScore(input, statistics, answer, experts[0], 1.0);
        var before = await router.PredictAcceptability(answer, experts[0]);
        Assert.NotNull(before);

        _faults.FailWrites("router-layer", routerId);
        for (var i = 0; i < 5; i++) await Assert.ThrowsAnyAsync<Exception>(() => router.LearnScore(input, statistics, answer, experts[0], 0.0));
        Assert.Equal(before, await router.PredictAcceptability(answer, experts[0]));

        _faults.Heal();
        for (var i = 0; i < 5; i++) await router.LearnScore(input, statistics, answer, experts[0], 0.0);
        Assert.True(await router.PredictAcceptability(answer, experts[0]) < before, "the same scores, written, lower the prediction");
    }

    private sealed record RouterView(int Epoch, string Roster, int LifecycleInterval, int Scars, int EpochBoundaries);

    private static async Task<RouterView> ReadAsync(IRouterLayerGrain router)
    {
        var snapshot = await router.GetSnapshot();
        return new RouterView(
            snapshot.Epoch,
            string.Join(",", snapshot.Slots.Select(s => $"{s.ExpertId}:{s.Active}")),
            (await router.GetSettings()).LifecycleInterval,
            (await router.GetScars()).Length,
            (await router.GetHealthHistory()).Epochs.Length);
    }
}

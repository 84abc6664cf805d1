using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Kernel;
using Moecraft.Requests;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Keepers;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Embeddings;

/// <summary>
/// A router's embedder on the hashing test cluster (SPEC 4.2): moving a router to another embedder is an audited epoch
/// boundary that drops what lived in the old embedder's space, and nothing of two embedders is mixed, even at one width.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class EmbedderMigrationGrainTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_router_moved_to_another_embedder_of_the_same_width_drops_its_scars_and_this_node_refuses_it()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "emb-same-width");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var before = await router.GetSnapshot();
        Assert.Equal(new RouterEmbedder(KnownEmbedders.Hashing, Recorded: true, SinceEpoch: 0), await router.GetEmbedder());
        var oldScar = new RegionClaim(1, experts[0], [.. TestExperts.Vector(1)], 0.1, before.Epoch);
        await router.ApplyScars(1, [oldScar]);
        Assert.Single(await router.GetScars());

        var other = new EmbedderIdentity("test-embedder", 512);
        var report = await router.MigrateEmbedder(other, "tester");

        Assert.True(report.Migrated);
        Assert.Equal((KnownEmbedders.Hashing, other, before.Epoch + 1, "tester"), (report.From, report.To, report.Epoch, report.Actor));
        Assert.Contains(report.Reinitialised, r => r.StartsWith("scars and reflexes", StringComparison.Ordinal));
        Assert.Contains(report.Kept, k => k.StartsWith("routed units", StringComparison.Ordinal));
        Assert.Empty(await router.GetScars());
        Assert.Equal(new RouterEmbedder(other, true, report.Epoch), await router.GetEmbedder());
        var after = await router.GetSnapshot();
        Assert.Equal((512, other, before.RoutedUnits), (after.Configuration.InputDimension, after.Configuration.Embedder, after.RoutedUnits));

        // The slow keeper pushes every scar in force: one from before the move is not applied, one committed after it is.
        var newScar = new RegionClaim(2, experts[1], [.. TestExperts.Vector(2)], 0.1, report.Epoch);
        await router.ApplyScars(2, [oldScar, newScar]);
        Assert.Equal([newScar], (await router.GetScars()).ToArray());

        // This node embeds with hashing: the router's vectors now mean something else, so its requests are refused.
        var refused = await Assert.ThrowsAsync<EmbedderMismatchException>(() =>
            Grains.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("emb-1", "What is the capital of France?")));
        Assert.Contains("was made with the embedder test-embedder (d = 512)", refused.Message);
        Assert.Contains($"moecraft embedder migrate --router {routerId}", refused.Message);
        var status = await Grains.GetGrain<IChatRouterGrain>(routerId).GetEmbedderStatus();
        Assert.False(status.Compatible);
        Assert.Equal(KnownEmbedders.Hashing, status.NodeEmbedder);
    }

    [Fact]
    public async Task A_scar_proposed_before_a_move_to_another_width_is_rejected_at_commit_and_the_boundary_is_audited()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "emb-width");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var stale = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(11));

        var report = await router.MigrateEmbedder(KnownEmbedders.MiniLm, "tester");
        Assert.Equal(384, (await router.GetSnapshot()).Configuration.InputDimension);
        await keeper.Tick(1_000);

        var rejected = await keeper.Commit(stale);
        Assert.Equal(CommitOutcome.Rejected, rejected.Outcome);
        Assert.Contains("measured with 512-value embeddings", rejected.Reason);
        Assert.Empty(await keeper.GetScars());

        var mid = Grains.GetGrain<IKeeperGrain>(KeeperClocks.Key(routerId, KeeperClock.Mid));
        var boundary = await Eventually.Succeeds(async () =>
            (await mid.GetSnapshot()).Events.Single(e => e.Kind == IdentityEventKind.Epoch && e.Epoch == report.Epoch), Patience, "the mid keeper recording the move");
        Assert.Contains("embedder migrated from hashing (d = 512) to all-MiniLM-L6-v2 (d = 384) by tester", boundary.Reason);
        var audited = await Eventually.Succeeds(async () =>
        {
            var entries = await KeeperAudit.EntriesOfAsync(Grains, KeeperClocks.Key(routerId, KeeperClock.Mid));
            return entries.Single(e => e.Kind == "kernel.epoch" && e.Payload.Contains($"\"epoch\":{report.Epoch},", StringComparison.Ordinal));
        }, Patience, "the boundary in the audit log");
        Assert.Contains("embedder migrated", audited.Payload);
    }

    [Fact]
    public async Task Bad_input_changes_nothing_the_same_embedder_is_no_migration_and_a_neural_layer_has_none()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "emb-bad");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var epoch = (await router.GetSnapshot()).Epoch;

        await Assert.ThrowsAsync<ArgumentException>(() => router.MigrateEmbedder(new EmbedderIdentity("", 384), "tester"));
        await Assert.ThrowsAsync<ArgumentException>(() => router.MigrateEmbedder(new EmbedderIdentity("x", 0), "tester"));
        await Assert.ThrowsAsync<ArgumentException>(() => router.MigrateEmbedder(KnownEmbedders.MiniLm, "bad\0actor"));
        var same = await router.MigrateEmbedder(KnownEmbedders.Hashing, "tester");
        Assert.False(same.Migrated);
        Assert.Empty(same.Reinitialised);
        // A new embedder is a migration, not a second configuration.
        var reconfigured = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            router.Configure(RouterConfiguration.Default with { Width = 4, TopK = 2, InputDimension = 384, Embedder = KnownEmbedders.MiniLm }));
        Assert.Contains("moecraft embedder migrate", reconfigured.Message);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            router.Configure(RouterConfiguration.Default with { InputDimension = 512, Embedder = KnownEmbedders.MiniLm }));
        Assert.Equal((epoch, 512), ((await router.GetSnapshot()).Epoch, (await router.GetSnapshot()).Configuration.InputDimension));

        await router.UpdateSettings(await router.GetSettings() with { Kind = RouterKind.NeuralLayer });
        var neural = await Assert.ThrowsAsync<InvalidOperationException>(() => router.MigrateEmbedder(KnownEmbedders.MiniLm, "tester"));
        Assert.Contains("neural MoE layer", neural.Message);
    }

    [Fact]
    public async Task The_tenant_cache_never_serves_an_entry_to_a_lookup_of_another_embedder()
    {
        var cache = Grains.GetGrain<ISurrogateCacheGrain>(TestExperts.UniqueId("emb-cache"));
        var vector = ImmutableArray.Create(TestExperts.Vector(3, 384));
        var answer = new AskResult(new RouteDecision("r", 0, [], []), new ExpertAnswer("e", "an answer", 1, 1, 0, 0, Simulated: true));
        try
        {
            EmbedderContext.Set(KnownEmbedders.MiniLm);
            await cache.Store("What is the capital of France?", vector, "opts", answer);
            Assert.NotNull(await cache.Lookup("What is the capital of France?", vector, "opts"));

            // The same vector from another embedder of the same width means something else.
            EmbedderContext.Set(KnownEmbedders.ArcticXs);
            Assert.Null(await cache.Lookup("What is the capital of France?", vector, "opts"));

            // A vector whose width is not its embedder's is refused.
            await Assert.ThrowsAsync<ArgumentException>(() => cache.Lookup("q", ImmutableArray.Create(TestExperts.Vector(3, 512)), "opts"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}

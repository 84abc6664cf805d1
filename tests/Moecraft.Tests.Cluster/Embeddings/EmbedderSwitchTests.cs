using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Embeddings;

/// <summary>
/// A node restarted with another embedder than its routers were made with (SPEC 4.2): the model loads in the silo, the
/// router's requests are refused with how to migrate, the explicit migration moves the router, and it serves again with
/// its counters kept; a router made there with the default configuration is made for the model.
/// </summary>
public sealed class EmbedderSwitchTests
{
    [Fact]
    public async Task A_node_moved_to_the_model_refuses_its_old_router_until_it_is_migrated_and_then_serves_it()
    {
        using var data = new TempDirectory("moecraft-embedder-switch");
        string routerId;
        long routed;
        await using (var hashing = await SqliteTestCluster.StartAsync(silos: 1, dataDirectory: data.Path))
        {
            (routerId, _) = await TestRouters.CreateAsync(hashing.Client, "switch");
            var path = hashing.Client.GetGrain<IChatRouterGrain>(routerId);
            await path.Ask(new AskRequest("switch-1", "How do I reset my password?"));
            await path.Ask(new AskRequest("switch-2", "What is the capital of France?"));
            routed = (await hashing.Client.GetGrain<IRouterLayerGrain>(routerId).GetSnapshot()).RoutedUnits;
        }

        await using var model = await SqliteTestCluster.StartAsync(silos: 1, dataDirectory: data.Path,
            configure: options => options.Embeddings.Embedder = MoecraftEmbeddingOptions.MiniLm);
        var chat = model.Client.GetGrain<IChatRouterGrain>(routerId);
        var router = model.Client.GetGrain<IRouterLayerGrain>(routerId);
        var epoch = (await router.GetSnapshot()).Epoch;

        var refused = await Assert.ThrowsAsync<EmbedderMismatchException>(() => chat.Ask(new AskRequest("switch-3", "How can I change my password?")));
        Assert.Contains("was made with the embedder hashing (d = 512)", refused.Message);
        Assert.Contains("embeds prompts with all-MiniLM-L6-v2 (d = 384)", refused.Message);
        await Assert.ThrowsAsync<EmbedderMismatchException>(() => chat.Feedback(new FeedbackRequest("switch-1", TenantId: null, Score: 1)));
        var status = await chat.GetEmbedderStatus();
        Assert.Equal((KnownEmbedders.MiniLm, KnownEmbedders.Hashing), (status.NodeEmbedder, status.Router.Embedder));
        Assert.Equal((routed, epoch), ((await router.GetSnapshot()).RoutedUnits, (await router.GetSnapshot()).Epoch));

        var report = await chat.MigrateEmbedder("operator@test");

        Assert.True(report.Migrated);
        Assert.Equal((KnownEmbedders.Hashing, KnownEmbedders.MiniLm, epoch + 1), (report.From, report.To, report.Epoch));
        Assert.True((await chat.GetEmbedderStatus()).Compatible);
        var answer = await chat.Ask(new AskRequest("switch-4", "How can I change my password?"));
        Assert.False(answer.Routing!.CacheHit);
        Assert.Equal(epoch + 1, answer.Routing.Epoch);
        var snapshot = await router.GetSnapshot();
        Assert.Equal((384, KnownEmbedders.MiniLm, routed + 1), (snapshot.Configuration.InputDimension, snapshot.Configuration.Embedder, snapshot.RoutedUnits));
        Assert.Equal(384, (await chat.Embed(["a prompt"])).Single().Length);
        Assert.False((await chat.MigrateEmbedder("operator@test")).Migrated);

        // A router configured here with the SDK's default configuration is made for this node's embedder and serves at once.
        var (fresh, _) = await TestRouters.CreateAsync(model.Client, "switch-new");
        Assert.NotNull((await model.Client.GetGrain<IChatRouterGrain>(fresh).Ask(new AskRequest("switch-5", "How can I change my password?"))).Routing);
        var made = (await model.Client.GetGrain<IRouterLayerGrain>(fresh).GetSnapshot()).Configuration;
        Assert.Equal((384, KnownEmbedders.MiniLm), (made.InputDimension, made.Embedder));
    }
}

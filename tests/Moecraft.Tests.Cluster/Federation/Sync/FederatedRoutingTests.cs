using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Routing;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// What federation is for (SPEC 6): shared cache entries, scars and priors change routing on the receiving nodes, within
/// the tier each node gave the publisher: a CORE peer's entry answers a request, a SANDBOX peer's does not until promoted.
/// </summary>
public sealed class FederatedRoutingTests : ThreeNodes
{
    private const string Prompt = "what are the opening hours of the city library on sundays";
    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // B serves A and C (it rates them CORE); how A and C rate B is what each test decides.
        await RateAsync(B, A, TrustTier.Core);
        await RateAsync(B, C, TrustTier.Core);
    }

    private async Task RateBAsync(TrustTier tier)
    {
        await RateAsync(A, B, tier);
        await RateAsync(C, B, tier);
    }

    private async Task SyncFromBAsync()
    {
        await Cluster.Peer(A).SyncFrom(B);
        await Cluster.Peer(C).SyncFrom(B);
    }

    private static AskRequest Ask(string prompt) => new(Guid.NewGuid().ToString("n"), prompt, null, null, Cheapest, 1);

    [Fact]
    public async Task A_core_peers_cache_entry_answers_a_request_and_a_sandbox_peers_does_not_until_promoted()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Cluster.Client, "fed-cache");
        var chat = Cluster.Client.GetGrain<IChatRouterGrain>(routerId);
        var embedding = (await chat.Embed([Prompt]))[0];
        var options = RequestOptions.Default.Key;
        await Cluster.Peer(B).Publish(FederatedKnowledge.CacheEntry(routerId, Prompt, options, "b-librarian", "Sundays 10:00 to 16:00 (from node B)."));

        await RateBAsync(TrustTier.Sandbox);
        await SyncFromBAsync();
        foreach (var node in new[] { A, C })
            Assert.Null((await Cluster.Peer(node).Advise(routerId, Prompt, [.. embedding], options)).Cached);

        await RateBAsync(TrustTier.Core);
        foreach (var node in new[] { A, C })
        {
            var advice = await Cluster.Peer(node).Advise(routerId, Prompt, [.. embedding], options);
            Assert.Equal(("b-librarian", "Sundays 10:00 to 16:00 (from node B)."), (advice.Cached?.Expert, advice.Cached?.Text));
            Assert.Equal(Cluster.Key(B).NodeId, advice.Cached!.Origin);
        }

        // End to end, on whichever node's silo the request lands: every node now serves B's entry.
        var answered = await chat.Ask(Ask("What are the opening hours of the city library on Sundays?"));
        Assert.True(answered.Routing!.CacheHit);
        Assert.Equal("b-librarian", answered.Answer.ExpertId);
        Assert.Equal(0m, answered.Routing.Cost);
        // Another prompt is not answered from it; other options are not either.
        Assert.False((await chat.Ask(Ask("recommend a novel about a lighthouse keeper"))).Routing!.CacheHit);
        Assert.Null((await Cluster.Peer(A).Advise(routerId, Prompt, [.. embedding], new RequestOptions(Temperature: 0.1).Key)).Cached);

        // Demotion withdraws it at once.
        await RateBAsync(TrustTier.External);
        foreach (var node in new[] { A, C })
            Assert.Null((await Cluster.Peer(node).Advise(routerId, Prompt, [.. embedding], options)).Cached);
    }

    [Fact]
    public async Task A_core_peers_scar_keeps_the_expert_out_of_its_region_here_and_its_prior_shifts_the_prediction()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Cluster.Client, "fed-scar");
        var (cheap, mid) = (experts[0], experts[1]);
        var chat = Cluster.Client.GetGrain<IChatRouterGrain>(routerId);
        var vectors = await chat.Embed([Prompt, "suggest a name for a small orange cat"]);
        Assert.Equal(cheap, (await chat.Ask(Ask(Prompt))).Answer.ExpertId);

        await Cluster.Peer(B).PublishBatch([
            FederatedKnowledge.Scar(routerId, cheap, vectors[0], 0.05, KnownEmbedders.Hashing),
            FederatedKnowledge.Prior(routerId, mid, 0.9, 200),
            // The same region in another embedder's space of the same width: it says nothing about this node's vectors.
            FederatedKnowledge.Scar(routerId, mid, vectors[0], 0.05, new EmbedderIdentity("another-embedder", KnownEmbedders.Hashing.Dimension)),
        ]);
        await RateBAsync(TrustTier.Core);
        await SyncFromBAsync();

        var advice = await Cluster.Peer(A).Advise(routerId, Prompt, [.. vectors[0]], RequestOptions.Default.Key);
        Assert.Equal([cheap], advice.Scarred.ToArray());
        var prior = Assert.Single(advice.Priors);
        Assert.Equal((mid, 0.9, 200), (prior.Expert, prior.Success, prior.Samples));
        Assert.Empty((await Cluster.Peer(A).Advise(routerId, "x", [.. vectors[1]], RequestOptions.Default.Key)).Scarred);

        for (var i = 0; i < 3; i++)
        {
            var inside = await chat.Ask(Ask(Prompt));
            Assert.NotEqual(cheap, inside.Answer.ExpertId);
            Assert.DoesNotContain(cheap, inside.Routing!.Experts);
        }
        Assert.Equal(cheap, (await chat.Ask(Ask("suggest a name for a small orange cat"))).Answer.ExpertId);
    }


    [Fact]
    public async Task A_scar_committed_on_one_node_is_published_and_its_core_peers_mask_the_expert_too()
    {
        foreach (var node in Cluster.Nodes)
        foreach (var peer in Cluster.Nodes.Where(p => p != node))
            await RateAsync(node, peer, TrustTier.Core);
        var (routerId, experts) = await Keepers.TestKeepers.RouterWithFailedCheapExpertAsync(Cluster.Client, "fed-share");
        var chat = Cluster.Client.GetGrain<IChatRouterGrain>(routerId);
        var embedding = (await chat.Embed([Prompt]))[0];
        var keeper = Keepers.TestKeepers.Slow(Cluster.Client, routerId);
        var id = await keeper.Propose(Kernel.IdentityEventKind.Scar, experts[0], Keepers.TestKeepers.Evidence(embedding));
        await keeper.Tick(1_000);
        Assert.Equal(Kernel.CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);

        // The keeper's silo published it as its node; after everyone pulled from everyone, every node's advice masks the expert.
        for (var round = 0; round < 2; round++)
            foreach (var node in Cluster.Nodes)
            foreach (var peer in Cluster.Nodes.Where(p => p != node))
                await Cluster.Peer(node).SyncFrom(peer);
        foreach (var node in Cluster.Nodes)
        {
            var advice = await Cluster.Peer(node).Advise(routerId, Prompt, [.. embedding], RequestOptions.Default.Key);
            Assert.Equal([experts[0]], advice.Scarred.ToArray());
        }
    }
}

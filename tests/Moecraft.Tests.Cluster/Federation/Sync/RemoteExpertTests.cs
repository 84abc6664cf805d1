using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// Remote experts (SPEC 6): a router routes to an expert a peer offers; the peer answers within the tier it gave the asking
/// node ("query our experts": CORE, SANDBOX, EXTERNAL yes, UNKNOWN no) and its per-peer rate limit.
/// </summary>
public sealed class RemoteExpertTests : ThreeNodes
{
    private const string Offered = "fed-oracle";
    private const int QueriesPerMinute = 4;

    protected override void Configure(MoecraftSiloOptions options)
    {
        options.Federation.ExpertsOffered = [Offered];
        options.Federation.QueriesPerMinute = QueriesPerMinute;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Cluster.Client.GetGrain<IExpertGrain>(Offered).Register(TestRouters.Expert(Offered, 1m, 4m));
    }

    private static ExpertRequest Request(string prompt = "explain the tides in one sentence") => new(Guid.NewGuid().ToString("n"), prompt);

    [Theory]
    [InlineData(TrustTier.Core, true)]
    [InlineData(TrustTier.Sandbox, true)]
    [InlineData(TrustTier.External, true)]
    [InlineData(TrustTier.Unknown, false)]
    public async Task A_peer_answers_queries_to_its_offered_experts_by_the_tier_it_gave_the_asking_node(TrustTier tier, bool allowed)
    {
        await RateAsync(B, A, tier);
        if (allowed)
        {
            var answer = await Cluster.Peer(A).AskPeerExpert(B, Offered, Request());
            Assert.Equal(Offered, answer.ExpertId);
            Assert.Contains("[simulated sim-fed-oracle]", answer.Text);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => Cluster.Peer(A).AskPeerExpert(B, Offered, Request()));
            Assert.Contains("may not query", refused.Message);
        }
    }

    [Fact]
    public async Task Experts_a_peer_does_not_offer_are_refused_and_each_peer_has_a_rate_limit()
    {
        await RateAsync(B, A, TrustTier.Core);
        var notOffered = await Assert.ThrowsAsync<FederationRefusedException>(() => Cluster.Peer(A).AskPeerExpert(B, "secret-expert", Request()));
        Assert.Contains("does not offer expert 'secret-expert'", notOffered.Message);
        // Asked directly, the serving node refuses too (the manifest check is the asking side's, the offer check the serving side's).
        await Assert.ThrowsAsync<FederationRefusedException>(() => Cluster.Peer(B).QueryExpert(A, "secret-expert", Request()));

        var calls = 0;
        FederationRefusedException? limited = null;
        for (var i = 0; i < QueriesPerMinute + 2 && limited is null; i++)
        {
            try
            {
                await Cluster.Peer(A).AskPeerExpert(B, Offered, Request());
                calls++;
            }
            catch (FederationRefusedException e)
            {
                limited = e;
            }
        }
        Assert.NotNull(limited);
        Assert.Contains("expert queries per minute", limited.Message);
        Assert.InRange(calls, 1, QueriesPerMinute);
    }

    [Fact]
    public async Task A_router_routes_to_a_peers_expert_through_a_federated_backend()
    {
        foreach (var node in Cluster.Nodes.Where(n => n != B)) await RateAsync(B, node, TrustTier.Core);
        var remote = new ExpertDefinition("remote-oracle", BackendKind.Federated, Offered, Endpoint: B, new ExpertPricing(1m, 4m), ExpertTier.Premium, ["chat"], Simulation: null);
        var (routerId, _) = await TestRouters.CreateAsync(Cluster.Client, "fed-remote", remote, TestRouters.Expert("fed-local", 0.1m, 0.4m));
        var chat = Cluster.Client.GetGrain<IChatRouterGrain>(routerId);
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, QualityTarget: 0, FixedExpert: "remote-oracle");

        var answer = await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), "what causes the tides", null, null, pinned, 1));

        Assert.Equal("remote-oracle", answer.Answer.ExpertId);
        Assert.Contains("[simulated sim-fed-oracle]", answer.Answer.Text);
        Assert.True(answer.Answer.OutputTokens > 0);
        Assert.Equal(1, (await Cluster.Client.GetGrain<IExpertGrain>("remote-oracle").GetSnapshot()).Counters.Invocations);

        // A federated expert needs a peer node name as its endpoint.
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Cluster.Client.GetGrain<IExpertGrain>("remote-bad").Register(remote with { Id = "remote-bad", Endpoint = null }));
    }
}

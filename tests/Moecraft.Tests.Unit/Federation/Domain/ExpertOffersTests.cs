using Microsoft.Extensions.Time.Testing;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Remote experts: only offered ones, none of a forked peer, and each asking peer within its budget per minute.</summary>
public sealed class ExpertOffersTests
{
    [Fact]
    public void A_node_answers_only_for_the_experts_it_offers()
    {
        Assert.Null(ExpertOffers.NotOffered("node-a", ["expert-1", "expert-2"], "expert-2"));
        Assert.Equal("Node 'node-a' does not offer expert 'expert-3' (offered: expert-1, expert-2).", ExpertOffers.NotOffered("node-a", ["expert-1", "expert-2"], "expert-3"));
    }

    [Fact]
    public void A_peers_expert_is_asked_only_when_its_manifest_offers_it_and_its_feed_did_not_fork()
    {
        using var key = Peers.FederationVectors.Outsider(5);
        var peer = PeerRows.Info("node-b", key.NodeId, TrustTier.Core) with { Manifest = PeerRows.Manifest(key, "node-b", experts: "expert-1") };

        Assert.Null(ExpertOffers.NotAskable(peer, "expert-1"));
        Assert.Equal("Peer 'node-b' does not offer expert 'expert-2' in its manifest.", ExpertOffers.NotAskable(peer, "expert-2"));
        Assert.Equal("Peer 'node-b' is quarantined (its feed forked): its experts are not used.", ExpertOffers.NotAskable(peer with { Forked = true }, "expert-1"));
    }

    [Fact]
    public void Each_peer_has_its_own_budget_of_queries_per_minute()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new PeerQueryBudget(queriesPerMinute: 2);

        Assert.Null(budget.Refusal("node-a", "node-b", clock.GetUtcNow()));
        Assert.Null(budget.Refusal("node-a", "node-b", clock.GetUtcNow()));
        Assert.Contains("Peer 'node-b' is over its 2 expert queries per minute on node 'node-a'; retry in", budget.Refusal("node-a", "node-b", clock.GetUtcNow()));
        Assert.Null(budget.Refusal("node-a", "node-c", clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(budget.Refusal("node-a", "node-b", clock.GetUtcNow()));
    }
}

using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>The tier decisions a node makes from its peer table: who may ask what, whose packets it serves, how origins rank.</summary>
public sealed class FederationTrustTests
{
    private const string Own = "own-node-id";

    private static readonly FederationTrust Trust = new("node-a", Own,
    [
        PeerRows.Info("node-b", "id-b", TrustTier.Core),
        PeerRows.Info("node-c", "id-c", TrustTier.Sandbox),
        PeerRows.Info("node-d", "id-d", TrustTier.External),
    ]);

    private static StoredPacket Held(string origin, string receivedFrom) =>
        new(PacketSamples.Synthetic(PacketSamples.Id(1), origin, "cache:k", PacketKind.Assert, 1), receivedFrom, 1);

    [Fact]
    public void An_unknown_peer_is_refused_naming_the_peers_that_are_known()
    {
        Assert.Equal(FederationDecision.Refused, Trust.Decide("node-x", FederationAction.PullPackets, out var refusal));
        Assert.Equal("Node 'node-a' has no peer 'node-x' (known: node-b, node-c, node-d); exchange manifests first.", refusal);
        Assert.Equal(refusal, Trust.Unknown("node-x"));
        Assert.Null(Trust.Unknown("node-b"));
        Assert.Contains("(known: none)", new FederationTrust("node-a", Own, []).Unknown("node-x"));
    }

    [Fact]
    public void A_tier_the_matrix_refuses_is_refused_in_its_words_and_the_others_get_the_matrix_answer()
    {
        Assert.Equal(FederationDecision.Refused, Trust.Decide("node-c", FederationAction.PullPackets, out var refusal));
        Assert.Equal($"Node 'node-a' rates 'node-c' SANDBOX, which may not {TierMatrix.Describe(FederationAction.PullPackets)}.", refusal);

        Assert.Equal(FederationDecision.Quarantined, Trust.Decide("node-c", FederationAction.SendPackets, out refusal));
        Assert.Null(refusal);
        Assert.Equal(FederationDecision.Allowed, Trust.Decide("node-b", FederationAction.SendPackets, out refusal));
        Assert.Null(refusal);
        Assert.Equal(FederationDecision.Refused, Trust.Decide("node-d", FederationAction.SendPackets, out refusal));
        Assert.Contains("rates 'node-d' EXTERNAL", refusal);
    }

    [Fact]
    public void Packets_are_served_when_they_are_this_nodes_own_or_came_from_a_peer_it_rates_core()
    {
        Assert.True(Trust.ServesFrom(Held(Own, "node-c")));
        Assert.True(Trust.ServesFrom(Held("id-x", "node-a")));
        Assert.True(Trust.ServesFrom(Held("id-c", "node-b")));
        Assert.False(Trust.ServesFrom(Held("id-b", "node-c")));
        Assert.False(Trust.ServesFrom(Held("id-b", "node-d")));
        Assert.False(Trust.ServesFrom(Held("id-b", "node-x")));
    }

    [Fact]
    public void An_origin_ranks_by_the_tier_of_its_node_id_this_nodes_own_as_core_and_a_stranger_as_unknown()
    {
        Assert.Equal(TrustTier.Core, Trust.OriginTier(Own));
        Assert.Equal(TrustTier.Sandbox, Trust.OriginTier("id-c"));
        Assert.Equal(TrustTier.External, Trust.OriginTier("id-d"));
        Assert.Equal(TrustTier.Unknown, Trust.OriginTier("id-x"));
    }

    [Fact]
    public void Only_names_keys_and_tiers_make_two_tables_differ_for_what_is_served()
    {
        var heard = new FederationTrust("node-a", Own,
        [
            PeerRows.Info("node-b", "id-b", TrustTier.Core, PeerLiveness.Alive, lastHeartbeat: 5),
            PeerRows.Info("node-c", "id-c", TrustTier.Sandbox, PeerLiveness.Suspect, lastHeartbeat: 7),
            PeerRows.Info("node-d", "id-d", TrustTier.External),
        ]);
        var promoted = new FederationTrust("node-a", Own,
        [
            PeerRows.Info("node-b", "id-b", TrustTier.Core),
            PeerRows.Info("node-c", "id-c", TrustTier.Core),
            PeerRows.Info("node-d", "id-d", TrustTier.External),
        ]);

        Assert.True(Trust.SameTiers(heard));
        Assert.False(Trust.SameTiers(promoted));
        Assert.False(Trust.SameTiers(new FederationTrust("node-a", Own, [PeerRows.Info("node-b", "id-b", TrustTier.Core)])));
    }
}

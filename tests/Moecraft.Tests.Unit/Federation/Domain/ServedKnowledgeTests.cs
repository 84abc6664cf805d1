using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>
/// The packets a node serves: its index seen through its tiers. Pulls start after the requester's clock and stop at the
/// first packet not served; packets by id, resolved keys and advice winners see only served packets.
/// </summary>
public sealed class ServedKnowledgeTests
{
    private const string Own = "own";

    private static readonly FederationTrust Trust = new("node-a", Own,
    [
        PeerRows.Info("node-b", "origin-b", TrustTier.Core),
        PeerRows.Info("node-c", "origin-c", TrustTier.Sandbox),
    ]);

    private static StoredPacket Stored(
        string origin, long seq, string from, string key = "cache:k", PacketKind kind = PacketKind.Assert, long timestamp = 100, params string[] supersedes) =>
        new(new KnowledgePacket($"{origin}-{seq}", origin, seq, null, timestamp, kind, key, "{}", new string('0', 64), [], [.. supersedes], [], ""), from, timestamp);

    private static string[] Ids(IEnumerable<KnowledgePacket> packets) => [.. packets.Select(p => p.Id)];

    private static KnowledgeIndex Index(params StoredPacket[] packets)
    {
        var index = new KnowledgeIndex();
        index.Add(packets);
        return index;
    }

    [Fact]
    public void A_pull_starts_after_the_requesters_clock_and_each_feed_stops_at_its_first_packet_not_served()
    {
        var index = Index(
            Stored(Own, 1, "node-a"), Stored(Own, 2, "node-a"), Stored(Own, 3, "node-a"),
            // Received from B (CORE), then one from C (SANDBOX): the feed is served up to that one only.
            Stored("origin-x", 1, "node-b"), Stored("origin-x", 2, "node-c"), Stored("origin-x", 3, "node-b"),
            Stored("origin-c", 1, "node-c"));
        var served = new ServedKnowledge(index, Trust);

        var batch = served.After(["origin-x", Own, "origin-c"], [new FeedPosition(Own, 1, "own-1")], max: 10);

        Assert.Equal(["origin-x-1", "own-2", "own-3"], Ids(batch.Packets));
        Assert.False(batch.More);
    }

    [Fact]
    public void A_full_batch_says_more_waits_and_a_forked_origin_serves_nothing()
    {
        var index = Index(Stored(Own, 1, "node-a"), Stored(Own, 2, "node-a"), Stored("origin-b", 1, "node-b"), Stored("origin-b", 2, "node-b"));

        var first = new ServedKnowledge(index, Trust).After([Own, "origin-b"], [], max: 3);
        Assert.Equal(["origin-b-1", "origin-b-2", "own-1"], Ids(first.Packets));
        Assert.True(first.More);

        index.MarkForked("origin-b", "two packets at seq 2");
        var afterFork = new ServedKnowledge(index, Trust);
        Assert.Equal(["own-1", "own-2"], Ids(afterFork.After([Own, "origin-b"], [], max: 3).Packets));
        Assert.False(afterFork.Serves(index.Get("origin-b-1")!));
    }

    [Fact]
    public void Packets_by_id_leave_out_what_is_not_held_or_not_served()
    {
        var index = Index(Stored("origin-b", 1, "node-b"), Stored("origin-c", 1, "node-c"));

        Assert.Equal(["origin-b-1"], Ids(new ServedKnowledge(index, Trust).ByIds(["origin-c-1", "origin-b-1", "missing"])));
    }

    [Fact]
    public void A_key_resolves_over_served_packets_only_and_advice_takes_the_asserting_winners_by_prefix()
    {
        var index = Index(
            Stored(Own, 1, "node-a", key: "cache:k", timestamp: 100),
            // Newer, but from a SANDBOX peer: quarantined, so it neither wins nor conflicts.
            Stored("origin-c", 1, "node-c", key: "cache:k", timestamp: 900),
            Stored("origin-b", 1, "node-b", key: "scar:s", kind: PacketKind.Retract, timestamp: 100),
            Stored("origin-b", 2, "node-b", key: "prior:p", timestamp: 100));
        var served = new ServedKnowledge(index, Trust);

        var view = served.Resolve("cache:k");
        Assert.Equal("own-1", view.Winner?.Id);
        Assert.Empty(view.Conflicts);

        Assert.Equal(["origin-b-2", "own-1"], Ids(served.AssertedWinners(["prior:", "cache:", "scar:"])));
    }

    [Fact]
    public void The_clock_names_each_origin_held_with_its_last_contiguous_packet()
    {
        var index = Index(Stored(Own, 1, "node-a"), Stored(Own, 2, "node-a"));

        Assert.Equal([new FeedPosition("empty", 0, null), new FeedPosition(Own, 2, "own-2")], index.Clock([Own, "empty"]).ToArray());
    }
}

using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Which heartbeats a node takes: from a peer's own key, a tier that sends them, each after the last; a retry changes nothing.</summary>
public sealed class HeartbeatAcceptanceTests : IDisposable
{
    private const long Now = PeerRows.Now;

    private readonly NodeKey _b = FederationVectors.Outsider(2);
    private readonly NodeKey _c = FederationVectors.Outsider(3);

    public void Dispose()
    {
        _b.Dispose();
        _c.Dispose();
    }

    private Heartbeat Beat(long sentAt, NodeKey? key = null) =>
        HeartbeatFactory.Create(key ?? _b, "node-b", ClockDigest.Empty, null, sentAt);

    [Fact]
    public void A_heartbeat_from_a_core_or_sandbox_peer_is_taken_and_its_retry_changes_nothing()
    {
        var peer = PeerRows.Record(_b, "node-b", TrustTier.Sandbox);
        var beat = Beat(Now - 1_000);

        var taken = HeartbeatAcceptance.Decide("node-a", beat, peer, Now);
        Assert.Null(taken.Refusal);
        Assert.Equal((beat, (long?)Now), (taken.Next!.LastHeartbeat, taken.Next.LastHeartbeatAt));

        Assert.Equal(new HeartbeatOutcome(null), HeartbeatAcceptance.Decide("node-a", beat, taken.Next, Now + 5));
        Assert.NotNull(HeartbeatAcceptance.Decide("node-a", Beat(Now - 500), taken.Next, Now + 5).Next);
    }

    [Fact]
    public void The_newest_checkpoint_a_peer_showed_is_kept_when_a_later_heartbeat_carries_none()
    {
        var checkpoint = FederationVectors.Checkpoint;
        var peer = PeerRows.Record(_b, "node-b", TrustTier.Core);
        var first = HeartbeatAcceptance.Decide("node-a", HeartbeatFactory.Create(_b, "node-b", ClockDigest.Empty, checkpoint, Now - 2_000), peer, Now).Next!;

        var second = HeartbeatAcceptance.Decide("node-a", Beat(Now - 1_000), first, Now).Next!;

        Assert.Null(second.LastHeartbeat!.Checkpoint);
        Assert.Equal(checkpoint, second.NewestCheckpoint);
    }

    [Theory]
    [InlineData("not a peer", "it is not a peer of node 'node-a'")]
    [InlineData("wrong key", "sent from the wrong key")]
    [InlineData("external", "node 'node-a' rates it EXTERNAL")]
    [InlineData("replay", "not after the last accepted one")]
    [InlineData("bad signature", "Heartbeat from 'node-b' refused: ")]
    public void A_heartbeat_the_node_may_not_take_is_refused_saying_nothing_changed(string case_, string says)
    {
        var core = PeerRows.Record(_b, "node-b", TrustTier.Core);
        var heard = core with { LastHeartbeat = Beat(Now - 1_000), LastHeartbeatAt = Now - 900 };
        var outcome = case_ switch
        {
            "not a peer" => HeartbeatAcceptance.Decide("node-a", Beat(Now), null, Now),
            "wrong key" => HeartbeatAcceptance.Decide("node-a", Beat(Now, _c), core, Now),
            "external" => HeartbeatAcceptance.Decide("node-a", Beat(Now), core with { Tier = TrustTier.External }, Now),
            "replay" => HeartbeatAcceptance.Decide("node-a", Beat(Now - 2_000), heard, Now),
            _ => HeartbeatAcceptance.Decide("node-a", Beat(Now) with { Signature = Beat(Now - 1).Signature }, core, Now),
        };

        Assert.Null(outcome.Next);
        Assert.Contains(says, outcome.Refusal);
        Assert.EndsWith(". Nothing changed.", outcome.Refusal);
    }
}

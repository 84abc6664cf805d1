using Moecraft.Audit;
using Moecraft.Federation;

namespace Moecraft.Tests.Audit;

/// <summary>Which keys sign for a cluster's audit log and which witnessed checkpoints count (<see cref="AuditTrustRule"/>, <see cref="WitnessedCheckpoint"/>).</summary>
public sealed class AuditTrustRuleTests
{
    private static readonly string A = new('A', 43);
    private static readonly string B = new string('B', 42) + "A";
    private static readonly string C = new string('C', 42) + "A";
    private static readonly string Outsider = new string('D', 42) + "A";

    private static AuditCheckpoint Checkpoint(long size, string node, string log = AuditLogs.Cluster) => new(log, size, new string('0', 64), size, node, "sig");

    private static PeerInfo Peer(string name, string nodeId, AuditCheckpoint? last = null, AuditCheckpoint? newest = null) => new(
        name, nodeId, TrustTier.Core, PeerLiveness.Alive, 1, null, last,
        new PeerManifest(nodeId, name, [nodeId], [], [], "test", TrustTier.Core, 0, 1, "sig"), false, newest);

    [Fact]
    public void Own_keys_and_peers_that_are_silos_of_the_cluster_count_an_outsider_never()
    {
        var trust = AuditTrustRule.From(
            AuditLogs.Cluster,
            [(A, [Peer("b", B), Peer("c", C), Peer("outsider", Outsider)]), (B, [Peer("a", A)])],
            new HashSet<string>(["a", "b", "c"]));

        // C is dead (it answered nothing) but still a silo name in the membership, so A's table vouches for it.
        Assert.Equal<string>([A, B, C], trust.NodeIds);
    }

    [Fact]
    public void Witnesses_count_for_their_log_and_when_signed_by_a_cluster_key()
    {
        var trust = AuditTrustRule.From(
            AuditLogs.Cluster,
            [
                (A, [Peer("b", B, last: Checkpoint(10, B), newest: Checkpoint(15, A)), Peer("outsider", Outsider, Checkpoint(99, Outsider))]),
                (B, [Peer("a", A, last: Checkpoint(15, A)), Peer("c", C, Checkpoint(5, C, "other-log"))]),
            ],
            new HashSet<string>(["a", "b", "c"]));

        Assert.Equal<AuditCheckpoint>([Checkpoint(15, A)], trust.Witnessed);
    }

    [Fact]
    public void A_peer_keeps_the_newest_checkpoint_it_was_shown_not_the_last()
    {
        Assert.Null(WitnessedCheckpoint.Newest(null, null));
        Assert.Equal(Checkpoint(5, A), WitnessedCheckpoint.Newest(null, Checkpoint(5, A)));
        Assert.Equal(Checkpoint(10, A), WitnessedCheckpoint.Newest(Checkpoint(5, A), Checkpoint(10, A)));
        Assert.Equal(Checkpoint(10, A), WitnessedCheckpoint.Newest(Checkpoint(10, A), Checkpoint(5, B)));
        Assert.Equal(Checkpoint(10, A), WitnessedCheckpoint.Newest(Checkpoint(10, A), null));
        Assert.Equal(Checkpoint(10, A), WitnessedCheckpoint.Newest(Checkpoint(10, A), Checkpoint(20, A, "other-log")));
    }
}

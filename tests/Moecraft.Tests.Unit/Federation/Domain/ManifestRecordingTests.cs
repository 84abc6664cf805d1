using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>What a peer's manifest does to a node's peer table: a new row, a newer manifest or address, nothing, or a refusal.</summary>
public sealed class ManifestRecordingTests : IDisposable
{
    private const long Now = PeerRows.Now;

    private readonly NodeKey _own = FederationVectors.Outsider(1);
    private readonly NodeKey _b = FederationVectors.Outsider(2);
    private readonly NodeKey _c = FederationVectors.Outsider(3);
    private readonly ManifestRecording _recording;

    public ManifestRecordingTests() => _recording = new ManifestRecording("node-a", _own.NodeId, inClusterPeersCore: true);

    public void Dispose()
    {
        _own.Dispose();
        _b.Dispose();
        _c.Dispose();
    }

    private ManifestOutcome Decide(PeerManifest manifest, IReadOnlyList<PeerRecord> peers, string? expectedName = null, bool remote = false, string? address = null,
        params string[] clusterNames) =>
        _recording.Decide(manifest, expectedName, remote, address, clusterNames.Contains, peers, Now);

    [Fact]
    public void A_new_node_of_this_cluster_is_core_and_a_new_node_of_another_cluster_unknown_whatever_it_requests()
    {
        var inCluster = Decide(PeerRows.Manifest(_b, "node-b"), []);
        Assert.True(inCluster.Added);
        Assert.Equal((TrustTier.Core, false, Now), (inCluster.Row!.Tier, inCluster.Row.Remote, inCluster.Row.FirstSeen));

        var remote = Decide(PeerRows.Manifest(_b, "node-b"), [], remote: true, address: "https://b.example/");
        Assert.Equal((TrustTier.Unknown, true, "https://b.example/"), (remote.Row!.Tier, remote.Row.Remote, remote.Row.Address));

        var modelled = new ManifestRecording("node-a", _own.NodeId, inClusterPeersCore: false).Decide(PeerRows.Manifest(_b, "node-b"), null, false, null, _ => false, [], Now);
        Assert.Equal(TrustTier.Unknown, modelled.Row!.Tier);
    }

    [Fact]
    public void A_known_peer_takes_a_newer_manifest_or_an_address_keeps_its_tier_and_the_same_manifest_changes_nothing()
    {
        var held = PeerRows.Record(_b, "node-b", TrustTier.Sandbox, remote: true);

        var same = Decide(held.Manifest, [held], remote: true);
        Assert.Equal((false, false, held), (same.Changed, same.Added, same.Row));

        var newer = Decide(PeerRows.Manifest(_b, "node-b", FederationVectors.IssuedAt + 1_000), [held], remote: true, address: "https://b.example/");
        Assert.True(newer.Changed);
        Assert.Equal((TrustTier.Sandbox, FederationVectors.IssuedAt + 1_000, "https://b.example/"), (newer.Row!.Tier, newer.Row.Manifest.IssuedAt, newer.Row.Address));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("unasked")]
    [InlineData("own name")]
    [InlineData("cluster name from outside")]
    [InlineData("known name, other key")]
    [InlineData("known key, other name")]
    [InlineData("other side of the cluster boundary")]
    [InlineData("older")]
    public void A_manifest_that_may_not_change_the_table_is_refused_saying_nothing_changed(string case_)
    {
        var held = PeerRows.Record(_b, "node-b", TrustTier.Core);
        var (outcome, says) = case_ switch
        {
            "expired" => (Decide(ManifestFactory.Create(_c, "node-c", [], [], "test", TrustTier.Core, Now - 10_000, Now - 1), []), "Manifest of 'node-c' refused: "),
            "unasked" => (Decide(PeerRows.Manifest(_c, "node-c"), [], expectedName: "node-b"), "Node 'node-b' answered with the manifest of 'node-c'"),
            "own name" => (Decide(PeerRows.Manifest(_c, "node-a"), []), "claims node 'node-a''s own name or key"),
            "cluster name from outside" => (Decide(PeerRows.Manifest(_c, "node-c"), [], remote: true, clusterNames: "node-c"), "that is the name of a node of this cluster"),
            "known name, other key" => (Decide(PeerRows.Manifest(_c, "node-b"), [held]), $"peer 'node-b' is node {_b.NodeId} here, but this manifest is signed by {_c.NodeId}"),
            "known key, other name" => (Decide(PeerRows.Manifest(_b, "node-z"), [held]), $"node {_b.NodeId} is known here as 'node-b'"),
            "other side of the cluster boundary" => (Decide(held.Manifest, [held], remote: true), "it is known here as a node of this cluster"),
            _ => (Decide(PeerRows.Manifest(_b, "node-b", FederationVectors.IssuedAt - 1_000), [held]), "before the one held"),
        };

        Assert.Null(outcome.Row);
        Assert.Contains(says, outcome.Refusal);
        Assert.EndsWith(". Nothing changed.", outcome.Refusal);
    }
}

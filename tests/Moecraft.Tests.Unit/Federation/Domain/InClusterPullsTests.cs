using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>
/// Which checks a received batch gets (issue 15): the form only for a batch pulled by grain call from a CORE node of this
/// cluster, everything for anything else.
/// </summary>
public sealed class InClusterPullsTests
{
    private static readonly FederationTrust Trust = new("node-a", "own-node-id",
    [
        PeerRows.Info("silo-b", "id-b", TrustTier.Core),
        PeerRows.Info("other-cluster", "id-c", TrustTier.Core) with { Remote = true, Address = "http://c.example:8080/" },
        PeerRows.Info("sandboxed", "id-d", TrustTier.Sandbox),
    ]);

    [Fact]
    public void A_batch_pulled_by_grain_call_from_a_core_node_of_this_cluster_is_checked_for_form_only()
    {
        Assert.Equal(PacketChecks.Form, InClusterPulls.Checks(Trust, "silo-b", pulledByGrainCall: true));
    }

    [Theory]
    [InlineData("silo-b", false)]          // pushed, whoever sends it
    [InlineData("other-cluster", true)]    // a node of another cluster, however it is rated
    [InlineData("other-cluster", false)]
    [InlineData("sandboxed", true)]        // not CORE
    [InlineData("stranger", true)]         // not in the table
    public void Anything_else_is_verified_in_full(string sender, bool pulledByGrainCall)
    {
        Assert.Equal(PacketChecks.Full, InClusterPulls.Checks(Trust, sender, pulledByGrainCall));
    }
}

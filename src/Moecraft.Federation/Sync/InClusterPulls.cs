namespace Moecraft.Federation;

/// <summary>
/// Which checks a pulled batch gets again (issue 15). The silos of one cluster share one database and one trust domain (a
/// silo can write any grain's state), and every packet a node holds was fully verified where it entered the cluster (a
/// push, a pull from another cluster) or was signed there by its origin. So a batch this node's link pulled by grain call
/// from a node of this cluster, which serves only what it holds, is checked for form only: re-verifying its signatures
/// would protect nothing. Anything else (a push, whoever sends it; a pull from a node of another cluster; a sender the
/// table does not hold as an in-cluster CORE node) is verified in full.
/// </summary>
public static class InClusterPulls
{
    /// <summary>The checks for a batch from <paramref name="sender"/>; <paramref name="pulledByGrainCall"/>: this node's link pulled it over the grain channel.</summary>
    public static PacketChecks Checks(FederationTrust trust, string sender, bool pulledByGrainCall)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return pulledByGrainCall && trust.Find(sender) is { Remote: false, Tier: InClusterTierRule.Tier } ? PacketChecks.Form : PacketChecks.Full;
    }
}

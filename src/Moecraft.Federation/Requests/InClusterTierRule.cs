namespace Moecraft.Federation;

/// <summary>
/// Every silo of one cluster is a CORE peer of the others by construction: they share the database and trust each
/// other's grain calls, so a lower tier would protect nothing and suggest it did. Sovereign nodes are separate clusters
/// (peers added by address, rows marked <see cref="PeerInfo.Remote"/>).
/// </summary>
public static class InClusterTierRule
{
    /// <summary>The tier an in-cluster node gets when discovery meets it.</summary>
    public const TrustTier Tier = TrustTier.Core;

    /// <summary>Null when <paramref name="tier"/> may be assigned to the peer, otherwise why not.</summary>
    public static string? Problem(string peerName, bool remote, TrustTier tier) =>
        remote || tier == Tier
            ? null
            : $"'{peerName}' is a node of this cluster, which is CORE by construction (it shares the database and its grain calls are trusted); " +
              $"only peers of other clusters (added by address) take another tier. Nothing changed.";
}

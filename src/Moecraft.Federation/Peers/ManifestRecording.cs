namespace Moecraft.Federation;

/// <summary>
/// What a peer's manifest does to a node's peer table (SPEC 6). Refused, with nothing changed: a manifest that fails
/// <see cref="ManifestVerifier"/>, comes from another node than the one asked, claims this node's name or key, came from
/// outside claiming the name of a node of this cluster, names a known peer with another key (a node id is bound to its
/// name for good), a known key under another name, a known peer from the other side of the cluster boundary, or is older
/// than the one held. Otherwise the known row takes a newer manifest or an address, or a new row is made: UNKNOWN whatever
/// it requests, or CORE for a node of this cluster (<see cref="InClusterTierRule"/>).
/// </summary>
/// <param name="node">This node's name.</param>
/// <param name="ownNodeId">This node's node id.</param>
/// <param name="inClusterPeersCore">Nodes of this cluster are CORE by construction (<see cref="InClusterTierRule"/>).</param>
public sealed class ManifestRecording(string node, string ownNodeId, bool inClusterPeersCore)
{
    /// <summary>Decides what <paramref name="manifest"/> does to <paramref name="peers"/>.</summary>
    /// <param name="expectedName">The node that was asked for it; null when it arrived unasked.</param>
    /// <param name="remote">It came from another cluster (the federation surface, or added by address).</param>
    /// <param name="address">The federation surface it was read from; null when none.</param>
    /// <param name="isClusterName">Whether a name is that of a silo of this cluster.</param>
    /// <param name="now">Unix ms.</param>
    public ManifestOutcome Decide(
        PeerManifest manifest, string? expectedName, bool remote, string? address, Func<string, bool> isClusterName, IReadOnlyList<PeerRecord> peers, long now)
    {
        ArgumentNullException.ThrowIfNull(isClusterName);
        ArgumentNullException.ThrowIfNull(peers);
        if (ManifestVerifier.Failure(manifest, now) is { } failure) return Refused($"Manifest of '{manifest?.Name}' refused: {failure}");
        if (expectedName is not null && manifest.Name != expectedName) return Refused($"Node '{expectedName}' answered with the manifest of '{manifest.Name}'");
        if (manifest.Name == node || manifest.NodeId == ownNodeId) return Refused($"Manifest of '{manifest.Name}' refused: it claims node '{node}''s own name or key");
        if (remote && isClusterName(manifest.Name))
            return Refused($"Manifest of '{manifest.Name}' refused: that is the name of a node of this cluster, and it came from outside");

        var known = peers.FirstOrDefault(p => string.Equals(p.Name, manifest.Name, StringComparison.Ordinal));
        if (known is null)
        {
            if (peers.FirstOrDefault(p => p.NodeId == manifest.NodeId) is { } renamed)
                return Refused($"Manifest of '{manifest.Name}' refused: node {manifest.NodeId} is known here as '{renamed.Name}'");
            // Every new peer of another cluster starts UNKNOWN: the tier it requests is only a claim (SPEC 6). A node of this
            // cluster is CORE by construction.
            var tier = !remote && inClusterPeersCore ? InClusterTierRule.Tier : TrustTier.Unknown;
            return new ManifestOutcome(new PeerRecord(manifest.Name, manifest.NodeId, tier, manifest, now, null, null, false, Address: address, Remote: remote), Added: true);
        }
        if (known.NodeId != manifest.NodeId)
            return Refused($"Manifest from the wrong key: peer '{manifest.Name}' is node {known.NodeId} here, but this manifest is signed by {manifest.NodeId}");
        if (known.Remote != remote)
            return Refused($"Manifest of '{manifest.Name}' refused: it is known here as a node of {(known.Remote ? "another" : "this")} cluster");
        var next = known with { Address = address ?? known.Address };
        if (manifest.Signature != known.Manifest.Signature)
        {
            if (manifest.IssuedAt < known.Manifest.IssuedAt)
                return Refused($"Manifest of '{manifest.Name}' refused: issued at {manifest.IssuedAt}, before the one held ({known.Manifest.IssuedAt})");
            next = next with { Manifest = manifest };
        }
        return new ManifestOutcome(next, Changed: next != known);
    }

    private static ManifestOutcome Refused(string reason) => new(null, Refusal: reason + ". Nothing changed.");
}

/// <summary>
/// What <see cref="ManifestRecording"/> decided: the peer's row after the manifest (to be stored when
/// <paramref name="Changed"/> or <paramref name="Added"/>), or why it was refused.
/// </summary>
public sealed record ManifestOutcome(PeerRecord? Row, bool Changed = false, bool Added = false, string? Refusal = null);

namespace Moecraft.Federation;

/// <summary>Why the federation surface refuses a request: its sender is not who it says (401), or may not do this (403).</summary>
public enum FederationRefusalKind
{
    Unauthenticated,
    Forbidden,
}

/// <summary>A refusal of the federation surface, in words.</summary>
public sealed record FederationRefusal(FederationRefusalKind Kind, string Reason);

/// <summary>
/// Who may ask what through the federation surface, decided from a verified request signature and the receiving node's
/// peer table before any grain is asked to change anything: the signing key must be the one the origin's manifest named
/// when it was first accepted, the origin must be a node of another cluster (in-cluster nodes federate by grain calls),
/// and the tier this node assigned it must allow the action (<see cref="TierMatrix"/>, the same matrix the node's grains
/// apply again when they act). A manifest exchange is the one action an unknown node may ask.
/// </summary>
public static class FederationAdmission
{
    /// <summary>Null when <paramref name="caller"/> may ask <paramref name="action"/> of this node, whose row for the caller's name is <paramref name="peer"/>.</summary>
    public static FederationRefusal? Refusal(FederationAction action, FederationSignature caller, PeerInfo? peer)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (peer is not null && !string.Equals(peer.NodeId, caller.Key, StringComparison.Ordinal))
            return Unauthenticated($"node '{caller.Origin}' is node {peer.NodeId} here; this request is signed by {caller.Key}");
        if (peer is not null && !peer.Remote)
            return Forbidden($"'{caller.Origin}' is a node of this cluster: it federates by grain calls, not through the federation surface");
        if (action == FederationAction.ManifestExchange) return null;
        if (peer is null)
            return Unauthenticated($"'{FederationSignature.Printable(caller.Origin)}' is not a peer of this node; exchange manifests first");
        return TierMatrix.Decide(action, peer.Tier) == FederationDecision.Refused
            ? Forbidden($"this node rates '{caller.Origin}' {TierMatrix.Name(peer.Tier)}, which may not {TierMatrix.Describe(action)}")
            : null;
    }

    /// <summary>Null when a manifest sent in an exchange is the signer's own: its name is the request's origin and its node id the signing key.</summary>
    public static FederationRefusal? ManifestRefusal(PeerManifest? manifest, FederationSignature caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (manifest is null) return new(FederationRefusalKind.Forbidden, "the body holds no manifest");
        if (!string.Equals(manifest.Name, caller.Origin, StringComparison.Ordinal) || !string.Equals(manifest.NodeId, caller.Key, StringComparison.Ordinal))
            return Unauthenticated($"the manifest is node '{FederationSignature.Printable(manifest.Name ?? "")}' ({manifest.NodeId}), the request comes from '{caller.Origin}' ({caller.Key})");
        return null;
    }

    /// <summary>Null when a heartbeat sent over the surface is the signer's own.</summary>
    public static FederationRefusal? HeartbeatRefusal(Heartbeat? heartbeat, FederationSignature caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (heartbeat is null) return new(FederationRefusalKind.Forbidden, "the body holds no heartbeat");
        return string.Equals(heartbeat.Name, caller.Origin, StringComparison.Ordinal) && string.Equals(heartbeat.NodeId, caller.Key, StringComparison.Ordinal)
            ? null
            : Unauthenticated($"the heartbeat is node '{FederationSignature.Printable(heartbeat.Name ?? "")}', the request comes from '{caller.Origin}'");
    }

    private static FederationRefusal Unauthenticated(string reason) => new(FederationRefusalKind.Unauthenticated, reason);

    private static FederationRefusal Forbidden(string reason) => new(FederationRefusalKind.Forbidden, reason);
}

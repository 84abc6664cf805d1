using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// Which experts a node answers for its peers and which of a peer's it asks (SPEC 6, remote experts): only those a
/// manifest offers, and none of a peer whose feed forked.
/// </summary>
public static class ExpertOffers
{
    /// <summary>Why node <paramref name="node"/> does not answer for <paramref name="expertId"/>; null when it offers it.</summary>
    public static string? NotOffered(string node, ImmutableArray<string> offered, string expertId) =>
        offered.Contains(expertId, StringComparer.Ordinal)
            ? null
            : $"Node '{node}' does not offer expert '{expertId}' (offered: {string.Join(", ", offered)}).";

    /// <summary>Why a node does not ask <paramref name="peer"/>'s <paramref name="expertId"/>; null when it may.</summary>
    public static string? NotAskable(PeerInfo peer, string expertId)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.Forked) return $"Peer '{peer.Name}' is quarantined (its feed forked): its experts are not used.";
        return peer.Manifest.ExpertsOffered.Contains(expertId, StringComparer.Ordinal)
            ? null
            : $"Peer '{peer.Name}' does not offer expert '{expertId}' in its manifest.";
    }
}

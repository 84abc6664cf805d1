using System.Collections.Immutable;

namespace Moecraft.Governance;

/// <summary>Which peer nodes this cluster may federate with; anything not listed is denied. Policy data for federation.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FederationRules")]
public sealed record FederationRules([Id(0)] ImmutableArray<string> AllowedPeers)
{
    /// <summary>Default deny: no peer is allowed.</summary>
    public static FederationRules DenyAll { get; } = new(ImmutableArray<string>.Empty);

    public bool Allows(string nodeId) => !AllowedPeers.IsDefault && AllowedPeers.Contains(nodeId, StringComparer.Ordinal);

    // ImmutableArray compares by reference; rules read back from storage must equal the ones written.
    public bool Equals(FederationRules? other) =>
        other is not null && AllowedPeers.IsDefault == other.AllowedPeers.IsDefault
        && (AllowedPeers.IsDefault || AllowedPeers.SequenceEqual(other.AllowedPeers));

    public override int GetHashCode() => AllowedPeers.IsDefault ? 0 : AllowedPeers.Length;
}

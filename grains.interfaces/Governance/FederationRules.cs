using System.Collections.Immutable;

namespace Moecraft.Governance;

/// <summary>Which peer nodes this cluster may federate with; anything not listed is denied. Policy data for federation.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FederationRules")]
public sealed record FederationRules([Id(0)] EquatableArray<string> AllowedPeers)
{
    /// <summary>Default deny: no peer is allowed.</summary>
    public static FederationRules DenyAll { get; } = new(ImmutableArray<string>.Empty);

    public bool Allows(string nodeId) => AllowedPeers.Contains(nodeId, StringComparer.Ordinal);
}

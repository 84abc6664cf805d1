namespace Moecraft.Federation;

/// <summary>
/// The tier a node assigns a peer (SPEC 6), ordered by trust: a higher value is more trusted. Persisted and signed as its
/// upper-case name: never renumber.
/// </summary>
[GenerateSerializer, Alias("moecraft.TrustTier")]
public enum TrustTier
{
    /// <summary>A peer nobody vouched for yet; every new peer starts here.</summary>
    Unknown = 0,

    /// <summary>May exchange manifests and query our experts; nothing else.</summary>
    External = 1,

    /// <summary>Heartbeats and expert queries; its packets are stored but quarantined (never served).</summary>
    Sandbox = 2,

    /// <summary>Full federation; only an operator promotes a peer to it.</summary>
    Core = 3,
}

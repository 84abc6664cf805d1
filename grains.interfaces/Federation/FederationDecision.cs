namespace Moecraft.Federation;

/// <summary>The answer of the trust-tier matrix to a peer's request.</summary>
[GenerateSerializer, Alias("moecraft.FederationDecision")]
public enum FederationDecision
{
    Refused = 0,
    Allowed = 1,

    /// <summary>Stored but never served until an operator promotes the sender (packets from a SANDBOX peer).</summary>
    Quarantined = 2,
}

namespace Moecraft.Federation;

/// <summary>What a peer asks of this node: the rows of the trust-tier matrix (SPEC 6).</summary>
[GenerateSerializer, Alias("moecraft.FederationAction")]
public enum FederationAction
{
    ManifestExchange = 0,
    Heartbeat = 1,
    QueryExperts = 2,
    PullPackets = 3,
    SendPackets = 4,
}

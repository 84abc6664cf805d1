namespace Moecraft.Federation;

/// <summary>A peer's liveness as this node sees it from heartbeats (SPEC 6).</summary>
[GenerateSerializer, Alias("moecraft.PeerLiveness")]
public enum PeerLiveness
{
    /// <summary>No heartbeat received yet (tiers below SANDBOX send none).</summary>
    Unseen = 0,
    Alive = 1,
    Suspect = 2,
    Dead = 3,
}

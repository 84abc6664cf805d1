using Moecraft.Federation;

namespace Moecraft.Hosting.Configuration;

/// <summary>Federation ("Moecraft:Federation", SPEC 6): what this node's manifest offers and how often it sends heartbeats.</summary>
public sealed class MoecraftFederationOptions
{
    /// <summary>When false the node refuses manifest exchanges and heartbeats and sends none.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Expert ids the manifest offers to peers.</summary>
    public string[] ExpertsOffered { get; set; } = [];

    /// <summary>Capabilities the manifest names besides the protocol's own (heartbeat, manifest, sync).</summary>
    public string[] Capabilities { get; set; } = [];

    /// <summary>The tier the manifest asks peers for: CORE, SANDBOX, EXTERNAL or UNKNOWN. Only a claim: each peer assigns its own.</summary>
    public string RequestedTier { get; set; } = "CORE";

    /// <summary>How long a manifest this node signs stays valid (at most 7 days).</summary>
    public TimeSpan ManifestValidity { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often heartbeats go to CORE and SANDBOX peers; also the unit of liveness.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A peer is suspect once its last heartbeat is more than this many intervals old.</summary>
    public int SuspectAfter { get; set; } = 3;

    /// <summary>A peer is dead once its last heartbeat is more than this many intervals old.</summary>
    public int DeadAfter { get; set; } = 10;

    /// <summary>Expert queries each peer may send this node per minute (remote experts).</summary>
    public int QueriesPerMinute { get; set; } = FederationSettings.DefaultQueriesPerMinute;

    /// <summary>Whether scars committed on this node are published as packets (CORE peers pull them and mask the expert too).</summary>
    public bool ShareScars { get; set; } = true;

    /// <summary>Whether the peer grain sends heartbeats on a timer while it is active.</summary>
    public bool HeartbeatTimer { get; set; } = true;

    /// <summary>The grains' settings; throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public FederationSettings ToSettings()
    {
        TrustTier tier;
        try
        {
            tier = TierMatrix.Parse(RequestedTier ?? "");
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Moecraft:Federation:RequestedTier: {ex.Message}");
        }
        return new FederationSettings(
            Enabled, [.. ExpertsOffered ?? []], [.. Capabilities ?? []], tier, ManifestValidity, HeartbeatInterval, SuspectAfter, DeadAfter,
            HeartbeatTimer, FederationSettings.BuiltVersion, QueriesPerMinute, ShareScars).Validate();
    }
}

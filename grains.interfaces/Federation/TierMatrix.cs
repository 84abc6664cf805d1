namespace Moecraft.Federation;

/// <summary>
/// The trust-tier matrix of SPEC 6: what a peer of each tier may do here. Grains ask it before any state changes.
/// </summary>
public static class TierMatrix
{
    public static FederationDecision Decide(FederationAction action, TrustTier tier) => (action, tier) switch
    {
        (FederationAction.ManifestExchange, _) => FederationDecision.Allowed,
        (FederationAction.Heartbeat, TrustTier.Core or TrustTier.Sandbox) => FederationDecision.Allowed,
        (FederationAction.QueryExperts, TrustTier.Core or TrustTier.Sandbox or TrustTier.External) => FederationDecision.Allowed,
        (FederationAction.PullPackets, TrustTier.Core) => FederationDecision.Allowed,
        (FederationAction.SendPackets, TrustTier.Core) => FederationDecision.Allowed,
        (FederationAction.SendPackets, TrustTier.Sandbox) => FederationDecision.Quarantined,
        _ when Enum.IsDefined(action) && Enum.IsDefined(tier) => FederationDecision.Refused,
        _ => throw new ArgumentException($"Unknown federation action {action} or tier {tier}."),
    };

    /// <summary>What a peer asks, in words for error messages ("may not ...").</summary>
    public static string Describe(FederationAction action) => action switch
    {
        FederationAction.ManifestExchange => "exchange manifests",
        FederationAction.Heartbeat => "send heartbeats",
        FederationAction.QueryExperts => "query this node's experts",
        FederationAction.PullPackets => "pull this node's packets",
        FederationAction.SendPackets => "send this node packets",
        _ => throw new ArgumentException($"Unknown federation action {(int)action}.", nameof(action)),
    };

    /// <summary>The tier as SPEC 6 and signed documents spell it: CORE, SANDBOX, EXTERNAL, UNKNOWN.</summary>
    public static string Name(TrustTier tier) => tier switch
    {
        TrustTier.Core => "CORE",
        TrustTier.Sandbox => "SANDBOX",
        TrustTier.External => "EXTERNAL",
        TrustTier.Unknown => "UNKNOWN",
        _ => throw new ArgumentException($"Unknown trust tier {(int)tier}.", nameof(tier)),
    };

    /// <summary>Parses <see cref="Name"/>'s spelling (case-insensitive).</summary>
    public static TrustTier Parse(string name) => name.ToUpperInvariant() switch
    {
        "CORE" => TrustTier.Core,
        "SANDBOX" => TrustTier.Sandbox,
        "EXTERNAL" => TrustTier.External,
        "UNKNOWN" => TrustTier.Unknown,
        _ => throw new ArgumentException($"Unknown trust tier '{name}': use CORE, SANDBOX, EXTERNAL or UNKNOWN.", nameof(name)),
    };
}

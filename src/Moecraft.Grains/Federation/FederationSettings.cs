using System.Collections.Immutable;
using System.Reflection;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>How this silo's federation peer behaves (bound from <c>Moecraft:Federation</c>).</summary>
/// <param name="Enabled">When false the peer refuses manifest exchanges and heartbeats, and sends none.</param>
/// <param name="ExpertsOffered">Expert ids the manifest offers to peers.</param>
/// <param name="Capabilities">What the manifest says this node can do; <see cref="ProtocolCapabilities"/> are always included.</param>
/// <param name="RequestedTier">The tier the manifest asks for (a claim: each peer assigns its own).</param>
/// <param name="ManifestValidity">How long a manifest this node signs stays valid.</param>
/// <param name="HeartbeatInterval">How often the timer sends heartbeats, and the unit of liveness.</param>
/// <param name="SuspectAfter">A peer is suspect once its last heartbeat is more than this many intervals old.</param>
/// <param name="DeadAfter">A peer is dead once its last heartbeat is more than this many intervals old.</param>
/// <param name="HeartbeatTimer">Whether the peer grain sends heartbeats on a timer (tests turn it off and send by hand).</param>
/// <param name="SoftwareVersion">The version the manifest names.</param>
/// <param name="QueriesPerMinute">Expert queries each peer may send this node per minute.</param>
/// <param name="ShareScars">Whether a scar committed by a keeper on this node's silo is published as a packet for CORE peers.</param>
/// <param name="InClusterPeersCore">
/// Nodes of this cluster are CORE peers by construction (discovery rates them CORE, a lower tier is refused). Not an
/// operator setting: only the in-process test clusters, which model sovereign nodes as silos of one cluster, turn it off.
/// </param>
public sealed record FederationSettings(
    bool Enabled,
    ImmutableArray<string> ExpertsOffered,
    ImmutableArray<string> Capabilities,
    TrustTier RequestedTier,
    TimeSpan ManifestValidity,
    TimeSpan HeartbeatInterval,
    int SuspectAfter,
    int DeadAfter,
    bool HeartbeatTimer,
    string SoftwareVersion,
    int QueriesPerMinute = FederationSettings.DefaultQueriesPerMinute,
    bool ShareScars = true,
    bool InClusterPeersCore = true)
{
    /// <summary>
    /// The service key of the clock the peer grain reads (manifest times, heartbeat times, liveness). The silo registers it
    /// as the default <see cref="TimeProvider"/>; tests replace it alone, leaving Orleans' own timing on real time.
    /// </summary>
    public const string TimeProviderKey = "moecraft.federation";

    public const int DefaultQueriesPerMinute = 60;

    /// <summary>What every Moecraft peer implements.</summary>
    public static readonly ImmutableArray<string> ProtocolCapabilities = ["heartbeat", "manifest", "sync"];

    /// <summary>The version of the Moecraft grains, as built.</summary>
    public static string BuiltVersion { get; } =
        typeof(FederationSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(FederationSettings).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static FederationSettings Default { get; } = new(
        Enabled: true, ExpertsOffered: [], Capabilities: ProtocolCapabilities, RequestedTier: TrustTier.Core,
        ManifestValidity: TimeSpan.FromDays(1), HeartbeatInterval: TimeSpan.FromSeconds(10), SuspectAfter: 3, DeadAfter: 10,
        HeartbeatTimer: true, SoftwareVersion: BuiltVersion);

    /// <summary>The manifest of node <paramref name="node"/> as these settings describe it, signed by <paramref name="signer"/> at <paramref name="now"/> (Unix ms).</summary>
    public PeerManifest Manifest(INodeSigner signer, string node, long now) =>
        ManifestFactory.Create(signer, node, Capabilities, ExpertsOffered, SoftwareVersion, RequestedTier, now, now + (long)ManifestValidity.TotalMilliseconds);

    /// <summary>Throws <see cref="ArgumentException"/> for values the peer cannot work with; returns the settings with protocol capabilities added.</summary>
    public FederationSettings Validate()
    {
        if (QueriesPerMinute < 1) throw new ArgumentException($"Moecraft:Federation:QueriesPerMinute must be at least 1; got {QueriesPerMinute}.");
        if (ManifestValidity < TimeSpan.FromSeconds(1) || ManifestValidity > ManifestVerifier.MaxValidity)
            throw new ArgumentException($"Moecraft:Federation:ManifestValidity must be 1 second to {ManifestVerifier.MaxValidity.TotalDays:0} days; got {ManifestValidity}.");
        try
        {
            PeerLivenessRule.Validate(HeartbeatInterval, SuspectAfter, DeadAfter);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Moecraft:Federation: {ex.Message}");
        }
        if (!Enum.IsDefined(RequestedTier)) throw new ArgumentException($"Moecraft:Federation:RequestedTier {(int)RequestedTier} is unknown.");
        var experts = Checked(ExpertsOffered, "ExpertsOffered");
        var capabilities = Checked(Capabilities.IsDefault ? ProtocolCapabilities : Capabilities.AddRange(ProtocolCapabilities), "Capabilities");
        if (string.IsNullOrWhiteSpace(SoftwareVersion)) throw new ArgumentException("Moecraft:Federation: the software version must not be empty.");
        return this with { ExpertsOffered = experts, Capabilities = capabilities };
    }

    private static ImmutableArray<string> Checked(ImmutableArray<string> items, string name)
    {
        try
        {
            // The factory's own rule: distinct, ordinal order, short printable items.
            return ManifestFactory.NormalizeList(items.IsDefault ? [] : items, name);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Moecraft:Federation:{name}: {ex.Message}");
        }
    }
}

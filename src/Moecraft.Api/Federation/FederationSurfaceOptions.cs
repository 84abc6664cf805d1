namespace Moecraft.Api.Federation;

/// <summary>The federation surface (<c>/federation/v1</c>): which node this silo speaks for, and each peer's request budget.</summary>
public sealed class FederationSurfaceOptions
{
    public const string SectionName = "Moecraft:Federation:Surface";

    /// <summary>The node this silo is (its federation peer's key); set by the host from <c>Moecraft:NodeName</c>. Unset: the surface answers 503.</summary>
    public string? NodeName { get; set; }

    /// <summary>Signed requests one peer (by node key) may send this silo per minute; more are refused with 429.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests one network address may send this silo's surface per minute, counted before the signature is checked;
    /// more are refused with 429. Ten peers' worth by default: peers behind one address (a NAT) share it.
    /// </summary>
    public int AddressRequestsPerMinute { get; set; } = 6_000;
}

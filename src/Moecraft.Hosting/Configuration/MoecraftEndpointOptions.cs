namespace Moecraft.Hosting.Configuration;

/// <summary>Orleans silo-to-silo and client gateway endpoints.</summary>
public sealed class MoecraftEndpointOptions
{
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Host name or address other silos and clients reach this one at (containers: the service name); loopback when unset.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Listen on every interface while advertising <see cref="AdvertisedHost"/> (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}

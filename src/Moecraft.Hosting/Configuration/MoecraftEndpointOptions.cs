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

    /// <summary>
    /// Cluster mode: let the Orleans gateway listen where the silo endpoint does (every interface with
    /// <see cref="ListenOnAnyHostAddress"/>, else the advertised address). Off by default: the gateway trusts every client that connects, so it listens on loopback and only
    /// clients on this machine reach it. Turn it on only on a trusted network (the compose network, never a published port).
    /// </summary>
    public bool GatewayOnTrustedNetwork { get; set; }
}

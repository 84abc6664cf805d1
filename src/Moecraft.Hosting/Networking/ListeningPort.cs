using System.Net;

namespace Moecraft.Hosting.Networking;

/// <summary>An address a silo listens on, and the setting that chose it (so a message can say what to change).</summary>
/// <param name="Setting">The configuration key: <c>Moecraft:Endpoints:SiloPort</c>, <c>Moecraft:Endpoints:GatewayPort</c> or <c>Urls</c>.</param>
/// <param name="Endpoint">The address and port bound.</param>
/// <param name="Url">For an HTTP address, the URL it comes from.</param>
public sealed record ListeningPort(string Setting, IPEndPoint Endpoint, string? Url = null)
{
    public override string ToString() =>
        $"port {Endpoint.Port} ({Setting}{(Url is null ? "" : " " + Url)}) on {Endpoint.Address}";
}

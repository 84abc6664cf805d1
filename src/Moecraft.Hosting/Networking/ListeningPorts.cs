using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Orleans.Configuration;

namespace Moecraft.Hosting.Networking;

/// <summary>
/// Every address a silo will listen on, known before it starts: Orleans' silo and gateway endpoints as Orleans derives them
/// from its <see cref="EndpointOptions"/>, and the HTTP URLs as Kestrel binds them.
/// </summary>
public static class ListeningPorts
{
    public const string SiloPortSetting = "Moecraft:Endpoints:SiloPort";
    public const string GatewayPortSetting = "Moecraft:Endpoints:GatewayPort";
    public const string UrlsSetting = "Urls";

    /// <param name="orleans">The silo's configured endpoints.</param>
    /// <param name="urls">The HTTP server's URLs, ';'-separated (the <c>urls</c> setting); null or empty: none.</param>
    public static IReadOnlyList<ListeningPort> Of(EndpointOptions orleans, string? urls)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        var ports = new List<ListeningPort>();
        // Orleans listens on the listening endpoint when one is set (listen on any address), else on the advertised one.
        if (orleans.SiloPort > 0)
            ports.Add(new(SiloPortSetting, orleans.SiloListeningEndpoint ?? new IPEndPoint(orleans.AdvertisedIPAddress, orleans.SiloPort)));
        if (orleans.GatewayPort > 0)
            ports.Add(new(GatewayPortSetting, orleans.GatewayListeningEndpoint ?? new IPEndPoint(orleans.AdvertisedIPAddress, orleans.GatewayPort)));
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            ports.AddRange(Http(url));
        return ports;
    }

    // As Kestrel binds a URL: localhost on both loopback addresses, an IP address on itself, any other host ("+", "*", a
    // name) on every address. A URL Kestrel cannot parse, a Unix socket or port 0 is left to Kestrel.
    private static IEnumerable<ListeningPort> Http(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            yield break;
        }
        if (address.IsUnixPipe || address.Port <= 0) yield break;

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            yield return new(UrlsSetting, new IPEndPoint(IPAddress.Loopback, address.Port), url);
            if (Socket.OSSupportsIPv6) yield return new(UrlsSetting, new IPEndPoint(IPAddress.IPv6Loopback, address.Port), url);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            yield return new(UrlsSetting, new IPEndPoint(ip, address.Port), url);
        }
        else
        {
            yield return new(UrlsSetting, new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, address.Port), url);
        }
    }
}

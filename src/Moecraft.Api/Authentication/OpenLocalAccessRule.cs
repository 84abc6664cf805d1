using System.Net;
using Microsoft.AspNetCore.Http;

namespace Moecraft.Api.Authentication;

/// <summary>
/// When a request without a credential may act as the built-in local tenant with admin rights: open local access is
/// enabled, the caller is on a loopback address, the request was not forwarded by a proxy, and every address the server
/// listens on is a loopback address. A server reachable from another machine never grants it, whatever the caller.
/// </summary>
public static class OpenLocalAccessRule
{
    /// <summary>The headers a reverse proxy adds; a forwarded request came from somewhere else, so it is never local.</summary>
    public static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"];

    public static bool Applies(bool enabled, IPAddress? remoteAddress, IEnumerable<string>? serverAddresses, bool forwarded) =>
        enabled
        && !forwarded
        && remoteAddress is not null
        && IPAddress.IsLoopback(remoteAddress)
        && serverAddresses?.ToList() is { Count: > 0 } addresses
        && addresses.All(ListensOnLoopbackOnly);

    /// <summary>
    /// True for an address such as http://127.0.0.1:5080, http://[::1]:5080 or http://localhost:5080; false for
    /// http://+:8080, http://*:8080, http://0.0.0.0:8080, http://[::]:8080, a LAN address, a host name, a Unix socket,
    /// or anything that does not parse.
    /// </summary>
    public static bool ListensOnLoopbackOnly(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        if (binding.IsNamedPipe || binding.IsUnixPipe) return false;
        var host = binding.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}

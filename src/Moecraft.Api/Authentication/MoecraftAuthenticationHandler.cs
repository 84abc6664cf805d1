using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moecraft.Api.Authentication;

/// <summary>
/// Authenticates a request from its credential. A request without one is the built-in local tenant (with admin rights)
/// only under open local access: enabled, a loopback caller, and a server that listens on loopback only. A presented
/// credential that is not valid is refused in every mode.
/// </summary>
public sealed class MoecraftAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<MoecraftApiOptions> api,
    IServer server,
    LocalTenant localTenant) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.Authorization.Count > 0)
            return AuthenticateResult.Fail("The credential presented is not valid.");

        if (!IsOpenLocalAccess()) return AuthenticateResult.NoResult();
        var tenant = await localTenant.EnsureAsync(Context.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(MoecraftClaims.Tenant, tenant), new Claim(ClaimTypes.Role, MoecraftClaims.AdminRole), new Claim(ClaimTypes.Name, "local")],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private bool IsOpenLocalAccess()
    {
        if (!api.Value.OpenLocalAccess) return false;
        if (Context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote)) return false;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } && addresses.All(ListensOnLoopbackOnly);
    }

    /// <summary>True for an address such as http://127.0.0.1:5080 or http://localhost:5080, false for http://+:8080 or a LAN address.</summary>
    public static bool ListensOnLoopbackOnly(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}

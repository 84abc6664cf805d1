using System.Net;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Auth;

/// <summary>The real silo listening on every interface: open local access never applies, not even to a loopback caller.</summary>
public sealed class NonLoopbackSiloTests
{
    [Fact]
    public async Task A_silo_listening_on_all_interfaces_grants_no_open_access_even_to_a_loopback_caller()
    {
        using var data = new TempDirectory("moecraft-auth-any");
        var ports = FreePorts.Take(3);
        await using var silo = await SiloProcess.StartAsync(data.Path, ports, $"--Urls=http://0.0.0.0:{ports[0]}");
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        var whoami = await http.GetAsync("/moecraft/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
        Assert.Contains("Authorization: Bearer", await whoami.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/moecraft/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode); // health needs no credential
    }
}

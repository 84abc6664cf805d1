using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Client;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Auth;

/// <summary>
/// Two real silo processes forming one cluster on PostgreSQL: a key's limit is one bucket in its tenant grain, so
/// requests through both silos' HTTP endpoints draw from it together, and a key revoked through one fails on the other.
/// </summary>
public sealed class ClusterRateLimitTests
{
    [Fact]
    public async Task A_key_s_request_limit_holds_across_two_silos_and_a_revocation_through_one_holds_on_the_other()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("auth_cluster");
        using var dataA = new TempDirectory("moecraft-auth-a");
        using var dataB = new TempDirectory("moecraft-auth-b");
        await using var siloA = await StartAsync(dataA, "auth-a", connectionString);
        await using var siloB = await StartAsync(dataB, "auth-b", connectionString);
        await using (var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { Mode = ClusterConnectionMode.AdoNet, ConnectionString = connectionString }))
        {
            await Eventually.Succeeds(async () =>
            {
                var silos = await client.GetSilosAsync();
                return silos.Count(s => s.Status == "Active") == 2 ? silos : throw new InvalidOperationException($"{silos.Count} silos so far");
            }, TimeSpan.FromSeconds(60), "both silos joining");
        }
        using var httpA = new HttpClient { BaseAddress = siloA.BaseAddress };
        using var httpB = new HttpClient { BaseAddress = siloB.BaseAddress };

        // The operator, by open local access on silo A.
        var tenant = $"cluster-{Guid.NewGuid():n}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await httpA.PostAsJsonAsync("/moecraft/tenants", new { id = tenant, budget = 10 })).StatusCode);
        var issued = await (await httpA.PostAsJsonAsync("/moecraft/keys", new { tenant, name = "shared", requestsPerMinute = 4 })).Content.ReadFromJsonAsync<JsonElement>();
        var key = issued.GetProperty("key").GetString()!;
        var id = issued.GetProperty("settings").GetProperty("id").GetString()!;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        foreach (var http in new[] { httpB, httpA })
            statuses.Add((await WhoAmIAsync(http, key)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await WhoAmIAsync(httpB, key);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.NotNull(limited.Headers.RetryAfter);

        Assert.Equal(HttpStatusCode.OK, (await httpA.DeleteAsync($"/moecraft/keys/{id}?tenant={tenant}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(httpB, key)).StatusCode);
    }

    private static Task<SiloProcess> StartAsync(TempDirectory data, string name, string connectionString)
    {
        var ports = FreePorts.Take(3);
        return SiloProcess.StartAsync(data.Path, ports,
            $"--Moecraft:NodeName={name}",
            "--Moecraft:Storage:Provider=PostgreSql",
            $"--Moecraft:Storage:ConnectionString={connectionString}",
            "--Moecraft:Seed:Enabled=false",
            "--Moecraft:Federation:Enabled=false");
    }

    private static Task<HttpResponseMessage> WhoAmIAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/moecraft/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }
}

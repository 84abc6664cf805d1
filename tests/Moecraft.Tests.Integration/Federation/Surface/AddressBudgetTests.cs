using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Moecraft.Api.Federation;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// The federation surface's budget per network address, taken before a request is read or its signature checked: a flood
/// of made-up signatures from one address costs a verification each only up to the budget, then a 429 that verified nothing.
/// </summary>
public sealed class AddressBudgetTests
{
    [Fact]
    public void Addresses_and_peers_have_budgets_of_their_own()
    {
        using var limits = new FederationRateLimits(Options.Create(new FederationSurfaceOptions { RequestsPerMinute = 2, AddressRequestsPerMinute = 3 }));

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limits.TryTakeAddress("10.0.0.1")));
        Assert.True(limits.TryTakeAddress("10.0.0.2"));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => limits.TryTake("node-a")));
        Assert.True(limits.TryTake("node-b"));
    }

    [Fact]
    public async Task Past_its_address_budget_a_caller_is_refused_before_its_signature_is_checked_and_nothing_changes()
    {
        var nodes = await SovereignNode.StartAllAsync([("gamma", ["--Moecraft:Federation:Surface:AddressRequestsPerMinute=3"])]);
        await using var gamma = nodes[0];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var before = await gamma.StateAsync();

        var statuses = new List<(HttpStatusCode Status, string Error)>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gamma.BaseAddress, FederationWire.Heartbeat)) { Content = JsonContent.Create(new { }) };
            request.Headers.TryAddWithoutValidation("Authorization", "Moecraft-Sig made-up");
            using var response = await http.SendAsync(request);
            statuses.Add((response.StatusCode, (await response.Content.ReadFromJsonAsync<FederationErrorBody>(FederationWire.Json))?.Error ?? ""));
        }

        Assert.All(statuses.Take(3), s => Assert.Equal(HttpStatusCode.Unauthorized, s.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3].Status);
        Assert.Contains("over the federation surface's request budget for one address", statuses[3].Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was verified or changed", statuses[3].Error, StringComparison.Ordinal);
        Assert.Equal(before, await gamma.StateAsync());
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Moecraft.Client;
using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api;

/// <summary>
/// <c>/v1</c> as the cluster changes under it: a new router and expert, a halt, an exhausted budget. Each test undoes
/// what it changed; tests of one collection run one at a time.
/// </summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class OpenAiClusterStateTests(OpenAiSiloFixture fixture)
{
    private HttpClient Http() => new() { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private Task<MoecraftClient> ConnectAsync() =>
        MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [fixture.Silo.GatewayPort] });

    // A new prompt each time: the tenant's surrogate cache would answer a repeated one without routing or charging.
    private static StringContent Chat(string model, bool stream = false) =>
        new($$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Is anyone there? {{Guid.NewGuid()}}"}]}""",
            Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    [Fact]
    public async Task A_router_configured_in_the_cluster_is_listed_with_its_experts_and_answers_by_its_id()
    {
        await using var client = await ConnectAsync();
        // Top-1: the gate cannot pick two experts from a roster of one.
        await client.ConfigureRouterAsync("second", RouterConfiguration.Default with { TopK = 1 });
        await client.RegisterExpertAsync(
            new ExpertDefinition("sim-second", BackendKind.Simulated, "sim-second-1b", null, new ExpertPricing(0m, 0m), ExpertTier.Local, ["chat"],
                new SimulationSettings(Seed: 7, LatencyMs: 5, OutputTokens: 16, FailureRate: 0)),
            "second");
        using var http = Http();

        // The catalog refreshes every few seconds (early when a model is missing).
        var expert = await Eventually.Succeeds(async () =>
        {
            using var response = await http.GetAsync("/v1/models/sim-second");
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }, TimeSpan.FromSeconds(20), "the new expert in /v1/models");
        using var list = await http.GetAsync("/v1/models");
        var ids = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).ToList();
        using var answer = await http.PostAsync("/v1/chat/completions", Chat("second"));
        using var pinned = await http.PostAsync("/v1/chat/completions", Chat("sim-second"));

        Assert.Equal(("expert", "second", "simulated", "local"),
            (expert.GetProperty("kind").GetString(), expert.GetProperty("router").GetString(), expert.GetProperty("backend").GetString(), expert.GetProperty("tier").GetString()));
        Assert.Contains("second", ids);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        Assert.Equal("sim-second", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("model").GetString());
        Assert.True(pinned.IsSuccessStatusCode, await pinned.Content.ReadAsStringAsync());
        Assert.Equal("second", JsonDocument.Parse(await pinned.Content.ReadAsStringAsync()).RootElement.GetProperty("moecraft").GetProperty("router").GetString());
    }

    [Fact]
    public async Task A_halted_cluster_answers_503_with_the_halts_reason_plain_and_before_a_stream_starts()
    {
        await using var client = await ConnectAsync();
        using var http = Http();
        await client.HaltAsync("maintenance window 42", "openai-tests");
        try
        {
            using var plain = await http.PostAsync("/v1/chat/completions", Chat("moecraft/auto"));
            using var streamed = await http.PostAsync("/v1/chat/completions", Chat("moecraft/auto", stream: true));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, plain.StatusCode);
            var error = await ErrorOf(plain);
            Assert.Equal("cluster_halted", error.GetProperty("code").GetString());
            Assert.Contains("maintenance window 42", error.GetProperty("message").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, streamed.StatusCode);
            Assert.Equal("application/json", streamed.Content.Headers.ContentType?.MediaType);
            Assert.Equal("cluster_halted", (await ErrorOf(streamed)).GetProperty("code").GetString());
        }
        finally
        {
            await client.ResumeAsync("openai-tests");
        }
    }

    [Fact]
    public async Task An_exhausted_budget_is_a_429_insufficient_quota()
    {
        await using var client = await ConnectAsync();
        using var http = Http();
        // Open local access is the built-in local tenant; make sure it exists, then give it a budget no premium answer fits.
        (await http.GetAsync("/v1/models")).Dispose();
        var tenant = fixture.LocalTenant;
        var before = await client.Cluster.GetGrain<ITenantGrain>(tenant).GetSettings();
        await client.ConfigureTenantAsync(tenant, before with { Budget = 0.000001m });
        try
        {
            using var response = await http.PostAsync("/v1/chat/completions", Chat("sim-premium"));

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            var error = await ErrorOf(response);
            Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
            Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        }
        finally
        {
            await client.ConfigureTenantAsync(tenant, before);
        }
    }
}

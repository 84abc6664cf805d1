using System.Net;
using System.Text.Json;
using Moecraft.Ledger;

namespace Moecraft.Tests.Api.Management;

/// <summary><c>GET /moecraft/stream/cost</c>: the caller's tenant's settled requests as server-sent events, and nobody else's.</summary>
[Collection(ManagementSiloCollection.Name)]
public sealed class CostStreamTests(ManagementSilo silo)
{
    [Fact]
    public async Task The_cost_stream_delivers_an_event_of_the_callers_tenant_and_not_one_of_another_tenant()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var reader = await SubscribeAsync("/moecraft/stream/cost", "local", timeout.Token);

        var streams = silo.Client.Cluster;
        // Another tenant's event on its own stream, and one forged onto the caller's stream: neither may arrive.
        await streams.GetGrain<ICostStreamGrain>("someone-else").Publish(Event("someone-else", "theirs"));
        await streams.GetGrain<ICostStreamGrain>("local").Publish(Event("someone-else", "forged"));
        await streams.GetGrain<ICostStreamGrain>("local").Publish(Event("local", "mine"));
        await streams.GetGrain<ICostStreamGrain>("local").Publish(Event("local", "last"));

        // Everything that arrives until the last event of the caller's tenant, and for a moment after it (one-way
        // messages need not keep their order).
        var received = new List<JsonElement>();
        while (received.Count == 0 || received[^1].GetProperty("requestId").GetString() != "last")
            received.Add(await NextCostAsync(reader, timeout.Token));
        using (var settle = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
        {
            settle.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                while (true) received.Add(await NextCostAsync(reader, settle.Token));
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // Nothing more arrived.
            }
        }
        Assert.Equal(["last", "mine"], received.Select(e => e.GetProperty("requestId").GetString()!).Order(StringComparer.Ordinal).ToArray());

        var root = received.Single(e => e.GetProperty("requestId").GetString() == "mine");
        Assert.Equal("local", root.GetProperty("tenantId").GetString());
        Assert.Equal(0.002m, root.GetProperty("cost").GetDecimal());
        Assert.Equal(0.010m, root.GetProperty("premiumCost").GetDecimal());
        Assert.Equal(0.008m, root.GetProperty("savings").GetDecimal());
        Assert.Equal(["sim-a", "sim-b"], root.GetProperty("experts").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(120, root.GetProperty("outputTokens").GetInt64());
    }

    [Fact]
    public async Task An_operator_reads_another_tenants_cost_stream_by_naming_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var reader = await SubscribeAsync("/moecraft/stream/cost?tenant=watched-tenant", "watched-tenant", timeout.Token);
        await silo.Client.Cluster.GetGrain<ICostStreamGrain>("watched-tenant").Publish(Event("watched-tenant", "watched"));
        var received = await NextCostAsync(reader, timeout.Token);
        Assert.Equal("watched", received.GetProperty("requestId").GetString());
        Assert.Equal("watched-tenant", received.GetProperty("tenantId").GetString());
    }

    /// <summary>
    /// Opens the stream at <paramref name="path"/>: server-sent events whose first is <c>ready</c> for <paramref name="tenant"/>.
    /// Disposing the reader closes the response's stream, which ends the subscription.
    /// </summary>
    private async Task<StreamReader> SubscribeAsync(string path, string tenant, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var ready = await NextEventAsync(reader, cancellationToken);
        Assert.Equal("ready", ready.Name);
        Assert.Equal(tenant, JsonDocument.Parse(ready.Data).RootElement.GetProperty("tenant").GetString());
        return reader;
    }

    private static async Task<JsonElement> NextCostAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var next = await NextEventAsync(reader, cancellationToken);
        Assert.Equal("cost", next.Name);
        using var data = JsonDocument.Parse(next.Data);
        return data.RootElement.Clone();
    }

    private static CostEvent Event(string tenant, string requestId) =>
        new(tenant, requestId, DateTimeOffset.UtcNow, "default", ["sim-a", "sim-b"], 0.002m, 0.010m, CacheHit: false, 40, 120, 35);

    private static async Task<(string Name, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (name is not null && data is not null) return (name, data);
                continue;
            }
            if (line.StartsWith(':')) continue;
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
        }
    }
}

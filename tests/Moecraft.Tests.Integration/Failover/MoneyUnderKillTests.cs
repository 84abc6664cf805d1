using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Moecraft.Api.OpenAi;
using Moecraft.Governance;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Moecraft.Tests.Failover;

/// <summary>
/// The chaos test of issue 12: three real silo processes on a throwaway PostgreSQL, priced requests through the SDK and
/// through the HTTP API (each with its request id or Idempotency-Key fixed before the first attempt, retried on another
/// silo when its silo goes away, as a client should), policy changes meanwhile, and kill -9 of each silo in turn under
/// load, each restarted. Then it checks the money and the audit log against what the callers were told.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class MoneyUnderKillTests(ITestOutputHelper output)
{
    private const string Tenant = "chaos";
    private const string Expert = "sim-standard"; // a seeded simulated expert with a price and 120 ms of latency
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan HttpRetryWindow = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Tenant, string RequestId), decimal> _acknowledged = new();
    private readonly ConcurrentDictionary<(string Tenant, string RequestId), string> _reportedFailed = new();

    [Fact]
    public async Task Killing_each_silo_under_load_loses_no_acknowledged_answer_charges_no_failed_request_and_leaks_no_reservation()
    {
        await using var cluster = await PostgresSiloCluster.StartAsync(silos: 3, $"--Moecraft:Tenants:ReservationLease={Lease}");
        await using var client = await cluster.ConnectAsync();
        await client.ConfigureTenantAsync(Tenant, new TenantSettings(1_000_000m, BudgetPeriod.Monthly, 0, RoutingPolicyNames.Cheapest, []));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: Expert);
        var run = Guid.NewGuid().ToString("N")[..8];

        await using var sdkLoad = ContinuousLoad.Start(12, (request, _) =>
            AskThroughSdkAsync(client, new AskRequest($"sdk-{run}-{request.Caller}-{request.Sequence}", $"SDK question {request.Sequence} of caller {request.Caller}", TenantId: Tenant, Policy: pinned)));
        await using var httpLoad = ContinuousLoad.Start(6, (request, _) =>
            AskThroughHttpAsync(http, cluster, request.Caller, $"http-{run}-{request.Caller}-{request.Sequence}"));
        var policies = new List<long>();
        using var stopPolicies = new CancellationTokenSource();
        var policyChanges = ChangePoliciesAsync(client, policies, stopPolicies.Token);
        await sdkLoad.WaitForMoreCompletionsAsync(100, TimeSpan.FromSeconds(90));
        await httpLoad.WaitForMoreCompletionsAsync(30, TimeSpan.FromSeconds(90));

        for (var node = 0; node < cluster.Count; node++)
        {
            var gap = await sdkLoad.MeasureAsync(() => cluster.KillAsync(node), TimeSpan.FromSeconds(6));
            var httpGap = httpLoad.GapSince(gap.At);
            output.WriteLine($"kill -9 of {PostgresSiloCluster.NodeName(node)}: SDK {gap}; HTTP {httpGap}");
            output.WriteLine($"  SDK failures: {sdkLoad.DescribeFailures(gap.At, gap.At + gap.Observed)}");
            await cluster.RestartAsync(node);
            await sdkLoad.WaitForMoreCompletionsAsync(50, TimeSpan.FromSeconds(60));
        }

        await stopPolicies.CancelAsync();
        await policyChanges;
        await sdkLoad.DisposeAsync();
        await httpLoad.DisposeAsync();
        output.WriteLine($"requests: {_acknowledged.Count} acknowledged, {_reportedFailed.Count} reported failed; {policies.Count} policy versions stored");

        // Reservations of requests that died with their silo close when their lease runs out.
        var usage = await Eventually.Succeeds(async () =>
        {
            var now = await client.GetTenantUsageAsync(Tenant);
            return now.OpenReservations == 0 ? now : throw new InvalidOperationException($"{now.OpenReservations} reservations still open ({now.Reserved})");
        }, TimeSpan.FromSeconds(60), "every reservation to close");
        var lines = await ReadLedgerAsync(cluster.ConnectionString);

        // Acknowledged means durable: every answer a caller got has its answered line, at the cost it was told.
        var missing = _acknowledged.Where(a => !lines.TryGetValue(a.Key, out var line) || line.Outcome != 0 || line.Cost != a.Value).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged answers without their ledger line: {string.Join(", ", missing.Take(5).Select(m => m.Key))}");
        // Nothing failed is charged: no request a caller was finally told failed has an answered (charged) line.
        var charged = _reportedFailed.Where(f => lines.TryGetValue(f.Key, out var line) && line.Outcome == 0).ToList();
        Assert.True(charged.Count == 0, $"{charged.Count} requests reported failed were charged: {string.Join("; ", charged.Take(5).Select(c => $"{c.Key}: {c.Value}"))}");
        // The tenant's spend is the ledger's sum (one line per request id: the table's key).
        var spent = lines.Where(l => l.Key.Tenant == Tenant && l.Value.Outcome == 0).Sum(l => l.Value.Cost);
        Assert.Equal(spent, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
        Assert.Equal(lines.Count(l => l.Key.Tenant == Tenant && l.Value.Outcome == 0), usage.Requests);

        // Every stored governance change has its audit entry, even those whose silo died between the two writes.
        var audited = await Eventually.Succeeds(async () =>
        {
            var events = await client.GetGovernanceEventsAsync();
            var revisions = (await client.ExportAuditAsync()).Entries
                .Where(e => e.Kind.StartsWith("governance.", StringComparison.Ordinal))
                .Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("revision").GetInt64())
                .ToHashSet();
            var unaudited = events.Where(e => !revisions.Contains(e.Revision)).Select(e => e.Revision).ToList();
            return unaudited.Count == 0 ? events.Count : throw new InvalidOperationException($"revisions without an audit entry: {string.Join(", ", unaudited)}");
        }, TimeSpan.FromSeconds(60), "every governance change to be audited");
        output.WriteLine($"governance: {audited} changes, every one audited");
        Assert.True(policies.Count > 3, $"only {policies.Count} policy changes were stored");
    }

    private async Task AskThroughSdkAsync(Moecraft.Client.MoecraftClient client, AskRequest request)
    {
        try
        {
            var result = await client.AskAsync(request);
            _acknowledged[(Tenant, request.RequestId)] = result.Routing!.Cost;
        }
        catch (Exception error)
        {
            _reportedFailed[(Tenant, request.RequestId)] = error.GetType().Name + ": " + error.Message;
            throw;
        }
    }

    /// <summary>A pass-through completion of the local tenant, sent again with its Idempotency-Key to the next silo while silos are away.</summary>
    private async Task AskThroughHttpAsync(HttpClient http, PostgresSiloCluster cluster, int caller, string key)
    {
        var requestId = IdempotencyKeys.RequestIdFor(key);
        var body = $$"""{"model":"{{Expert}}","messages":[{"role":"user","content":"HTTP question {{key}}"}]}""";
        var deadline = DateTime.UtcNow + HttpRetryWindow;
        for (var attempt = 0; ; attempt++)
        {
            var silo = cluster[(caller + attempt) % cluster.Count];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, "/v1/chat/completions"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(IdempotencyKeys.Header, key);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var moecraft = JsonDocument.Parse(text).RootElement.GetProperty("moecraft");
                    _acknowledged[("local", requestId)] = moecraft.GetProperty("cost").GetDecimal();
                    return;
                }
                // A silo still joining or one that lost a grain mid-call answers 5xx: the same key goes to the next silo.
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    _reportedFailed[("local", requestId)] = $"{(int)response.StatusCode}: {text}";
                    throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {text}");
                }
            }
            catch (HttpRequestException error) when (DateTime.UtcNow <= deadline)
            {
                _ = error; // the silo is down: next one
            }
            catch (HttpRequestException error)
            {
                _reportedFailed[("local", requestId)] = error.Message;
                throw;
            }
            await Task.Delay(100);
        }
    }

    private static async Task ChangePoliciesAsync(Moecraft.Client.MoecraftClient client, List<long> stored, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var version = await client.SetPolicyAsync(GovernancePolicy.Default with { MaxExpertsPerRouter = 100 + i }, "chaos-test");
                lock (stored) stored.Add(version.Version);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // A change whose silo died may or may not be stored; the audit check covers what was.
            }
            try
            {
                await Task.Delay(700, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<Dictionary<(string Tenant, string RequestId), (int Outcome, decimal Cost)>> ReadLedgerAsync(string connectionString)
    {
        var lines = new Dictionary<(string, string), (int, decimal)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT TenantId, RequestId, Outcome, CostNanos FROM moecraft_ledger", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = (reader.GetString(0), reader.GetString(1));
            Assert.False(lines.ContainsKey(key), $"two ledger lines for {key}");
            lines[key] = (Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) / 1_000_000_000m);
        }
        return lines;
    }
}

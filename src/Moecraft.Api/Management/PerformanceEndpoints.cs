using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Moecraft.Experts;
using Moecraft.Ledger;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary>
/// Performance: a tenant's latency percentiles, failures and cache hit rate from the ledger (its own, or any for an
/// operator), and per-expert calls, failures and latency from the experts' counters (cluster-wide: operators only).
/// </summary>
public static class PerformanceEndpoints
{
    /// <summary>The most ledger lines read for percentiles.</summary>
    public const int MaxSample = 10_000;

    public static RouteGroupBuilder MapPerformanceEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapGet("/performance", GetTenantAsync)
            .WithName("GetPerformance")
            .WithTags("Performance")
            .WithSummary("A tenant's latency percentiles, failures and cache hit rate")
            .WithDescription("From the newest ledger lines in [from, to) (default: the last 7 days), at most `sample` of them (default 1,000, at most 10,000). Latencies are end to end; cache hits are counted apart.");
        moecraft.MapGet("/performance/experts", GetExpertsAsync)
            .WithName("GetExpertPerformance")
            .WithTags("Performance")
            .WithSummary("Per-expert calls, failures, latency, tokens and cost of a router's roster")
            .RequireAdmin()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return moecraft;
    }

    private static async Task<Ok<TenantPerformance>> GetTenantAsync(
        ClaimsPrincipal user, IGrainFactory grains, TimeProvider time,
        string? tenant = null, string? from = null, string? to = null, int? days = null, int? sample = null)
    {
        var tenantId = TenantScope.Resolve(user, tenant);
        var (start, end) = QueryParsing.Range(from, to, days, time.GetUtcNow(), defaultDays: 7);
        var most = QueryParsing.Within(sample, 1_000, 1, MaxSample, "sample");
        var ledger = grains.GetGrain<ILedgerQueryGrain>(0);
        var summary = await ledger.GetCost(tenantId, start, end);

        var lines = new List<LedgerEntry>();
        string? cursor = null;
        do
        {
            var page = await ledger.GetHistory(tenantId, Math.Min(500, most - lines.Count), cursor);
            var inRange = page.Entries.Where(e => e.Timestamp >= start && e.Timestamp < end).ToList();
            lines.AddRange(inRange);
            // Newest first: a page reaching before the range ends the walk.
            if (page.Entries.Any(e => e.Timestamp < start)) break;
            cursor = page.NextCursor;
        }
        while (cursor is not null && lines.Count < most);

        var answered = lines.Where(l => l.Outcome == LedgerOutcome.Answered).ToList();
        return TypedResults.Ok(new TenantPerformance(
            tenantId, start, end, summary.Requests, summary.CacheHits,
            summary.Requests == 0 ? 0 : (double)summary.CacheHits / summary.Requests,
            lines.Count, lines.Count(l => l.Outcome == LedgerOutcome.Failed), lines.Count(l => l.Outcome == LedgerOutcome.Rejected),
            LatencyPercentiles.Of(answered.Where(l => !l.CacheHit).Select(l => l.LatencyMs)),
            LatencyPercentiles.Of(answered.Where(l => l.CacheHit).Select(l => l.LatencyMs))));
    }

    private static async Task<Ok<IReadOnlyList<ExpertPerformance>>> GetExpertsAsync(
        IGrainFactory grains, IOptions<MoecraftApiOptions> options, string? router = null)
    {
        var routerId = string.IsNullOrWhiteSpace(router) ? options.Value.DefaultRouter : router;
        var snapshot = await Lookups.RouterAsync(grains, routerId);
        var experts = await Task.WhenAll(snapshot.Slots.Select(s => Lookups.ExpertAsync(grains, s.ExpertId)));
        return TypedResults.Ok<IReadOnlyList<ExpertPerformance>>([.. experts.Select(e => ExpertPerformance.From(routerId, e))]);
    }
}

/// <summary>A tenant's performance over [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="Requests">Ledger lines in the range (all of them, from the ledger's totals).</param>
/// <param name="CacheHits">Lines answered by the surrogate cache.</param>
/// <param name="CacheHitRate">CacheHits / Requests (0 without requests).</param>
/// <param name="Sampled">The newest lines the percentiles and counts below were taken from.</param>
/// <param name="Failed">Sampled requests every chosen expert failed.</param>
/// <param name="Rejected">Sampled requests admission refused.</param>
/// <param name="Latency">End-to-end latency of sampled answers a model gave.</param>
/// <param name="CacheLatency">End-to-end latency of sampled answers the cache gave.</param>
public sealed record TenantPerformance(
    string Tenant,
    DateTimeOffset From,
    DateTimeOffset To,
    long Requests,
    long CacheHits,
    double CacheHitRate,
    int Sampled,
    int Failed,
    int Rejected,
    LatencyPercentiles Latency,
    LatencyPercentiles CacheLatency);

/// <summary>One expert's running totals: calls, failures and their rate, mean latency, tokens and cost.</summary>
public sealed record ExpertPerformance(
    string Router, string Expert, string Status, long Calls, long Failures, double FailureRate, double? MeanLatencyMs, long InputTokens, long OutputTokens, decimal Cost)
{
    public static ExpertPerformance From(string router, ExpertSnapshot expert)
    {
        var c = expert.Counters;
        return new(
            router, expert.Definition.Id, QueryParsing.Name(expert.Status), c.Invocations, c.Failures,
            c.Invocations == 0 ? 0 : (double)c.Failures / c.Invocations,
            c.Invocations == 0 ? null : (double)c.TotalLatencyMs / c.Invocations,
            c.InputTokens, c.OutputTokens, c.Cost);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Ledger;
using Moecraft.Tenants;

namespace Moecraft.Api.Management;

/// <summary>A tenant's cost and routing history from the ledger: a tenant reads its own; an operator may name any tenant.</summary>
public static class CostEndpoints
{
    public static RouteGroupBuilder MapCostEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapGet("/cost", GetCostAsync)
            .WithName("GetCost")
            .WithTags("Cost")
            .WithSummary("Cost, savings and budget of a tenant over a period")
            .WithDescription("The ledger's totals for [from, to) (default: the last 30 days) and the tenant's current budget period. The caller's tenant unless an operator names another.");
        moecraft.MapGet("/history", GetHistoryAsync)
            .WithName("GetRoutingHistory")
            .WithTags("Cost")
            .WithSummary("A tenant's routing history, newest first")
            .WithDescription("One page of routing decisions with their cost; pass nextCursor back as cursor for the next (older) page.");
        return moecraft;
    }

    private static async Task<Ok<CostReport>> GetCostAsync(
        ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, string? tenant = null, string? from = null, string? to = null, int? days = null)
    {
        var tenantId = TenantScope.Resolve(user, tenant);
        var (start, end) = QueryParsing.Range(from, to, days, time.GetUtcNow());
        var summary = await grains.GetGrain<ILedgerQueryGrain>(0).GetCost(tenantId, start, end);
        TenantUsage? usage;
        try
        {
            usage = await grains.GetGrain<ITenantGrain>(tenantId).GetUsage();
        }
        catch (TenantNotConfiguredException)
        {
            usage = null;
        }
        return TypedResults.Ok(CostReport.Of(summary, usage));
    }

    private static async Task<Ok<HistoryPage>> GetHistoryAsync(
        ClaimsPrincipal user, IGrainFactory grains, string? tenant = null, int? limit = null, string? cursor = null)
    {
        var tenantId = TenantScope.Resolve(user, tenant);
        var size = QueryParsing.Within(limit, 50, 1, 500, "limit");
        var page = await grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenantId, size, cursor);
        return TypedResults.Ok(new HistoryPage(tenantId, [.. page.Entries.Select(HistoryEntry.From)], page.NextCursor));
    }
}

/// <summary>A tenant's ledger totals over [<paramref name="From"/>, <paramref name="To"/>) and its budget period now.</summary>
public sealed record CostReport(
    string Tenant,
    DateTimeOffset From,
    DateTimeOffset To,
    long Requests,
    long CacheHits,
    double CacheHitRate,
    decimal Cost,
    decimal BaselineCost,
    decimal Savings,
    long InputTokens,
    long OutputTokens,
    BudgetReport? Budget)
{
    public static CostReport Of(LedgerCostSummary summary, TenantUsage? usage) => new(
        summary.TenantId, summary.From, summary.To, summary.Requests, summary.CacheHits,
        summary.Requests == 0 ? 0 : (double)summary.CacheHits / summary.Requests,
        summary.Cost, summary.BaselineCost, summary.Savings, summary.InputTokens, summary.OutputTokens,
        usage is null ? null : BudgetReport.From(usage));
}

/// <summary>The tenant's current budget period: budget, spent, reserved by requests in flight, remaining.</summary>
public sealed record BudgetReport(
    string Period, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal Budget, decimal Spent, decimal Reserved, decimal Remaining, long Requests)
{
    public static BudgetReport From(TenantUsage usage) => new(
        QueryParsing.Name(usage.Period), usage.PeriodStart, usage.PeriodEnd, usage.Budget, usage.Spent, usage.Reserved, usage.Remaining, usage.Requests);
}

/// <summary>One page of a tenant's routing history, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record HistoryPage(string Tenant, IReadOnlyList<HistoryEntry> Entries, string? NextCursor);

/// <summary>One routing decision and its money.</summary>
public sealed record HistoryEntry(
    string RequestId,
    DateTimeOffset At,
    string Router,
    int Epoch,
    IReadOnlyList<string> Experts,
    double Confidence,
    string Policy,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    decimal BaselineCost,
    decimal Savings,
    long LatencyMs,
    bool CacheHit,
    string Outcome)
{
    public static HistoryEntry From(LedgerEntry line) => new(
        line.RequestId, line.Timestamp, line.RouterId, line.Epoch, [.. line.Experts], line.Confidence, line.Policy,
        line.InputTokens, line.OutputTokens, line.Cost, line.BaselineCost, line.Savings, line.LatencyMs, line.CacheHit, QueryParsing.Name(line.Outcome));
}

using System.Collections.Immutable;

namespace Moecraft.Ledger;

/// <summary>
/// One settled request's money as the live cost stream carries it (<see cref="ICostStreamGrain"/>): published by the chat
/// router after the tenant grain settled and the ledger line was queued, delivered to the tenant's subscribers only.
/// </summary>
/// <param name="TenantId">The tenant charged (the stream's key).</param>
/// <param name="RequestId">The request id.</param>
/// <param name="At">When the request was settled.</param>
/// <param name="RouterId">The router that served it.</param>
/// <param name="Experts">The experts whose answers were used, best first (the cached answer's expert on a cache hit).</param>
/// <param name="Cost">What the request cost (0 on a cache hit).</param>
/// <param name="PremiumCost">What the always-premium baseline would have cost for the same tokens.</param>
/// <param name="CacheHit">True when the surrogate cache answered without calling a model.</param>
/// <param name="InputTokens">Input tokens billed.</param>
/// <param name="OutputTokens">Output tokens billed.</param>
/// <param name="LatencyMs">End-to-end latency in milliseconds.</param>
[GenerateSerializer, Immutable, Alias("moecraft.CostEvent")]
public sealed record CostEvent(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string RouterId,
    [property: Id(4)] ImmutableArray<string> Experts,
    [property: Id(5)] decimal Cost,
    [property: Id(6)] decimal PremiumCost,
    [property: Id(7)] bool CacheHit,
    [property: Id(8)] long InputTokens,
    [property: Id(9)] long OutputTokens,
    [property: Id(10)] long LatencyMs)
{
    /// <summary>Saved against the always-premium baseline (negative when the request cost more).</summary>
    public decimal Savings => PremiumCost - Cost;

    /// <summary>The event of an answered ledger line (the chat router publishes exactly what it wrote to the ledger).</summary>
    public static CostEvent From(LedgerEntry line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new CostEvent(
            line.TenantId, line.RequestId, line.Timestamp, line.RouterId, line.Experts,
            line.Cost, line.BaselineCost, line.CacheHit, line.InputTokens, line.OutputTokens, line.LatencyMs);
    }
}

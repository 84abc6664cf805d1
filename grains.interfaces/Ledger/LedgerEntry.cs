namespace Moecraft.Ledger;

/// <summary>One routing decision and its money, as appended to the <c>moecraft_ledger</c> table (SPEC 4, item 7).</summary>
/// <param name="TenantId">The tenant the request belongs to.</param>
/// <param name="RequestId">The request id; one ledger line per tenant and request id.</param>
/// <param name="Timestamp">When the decision was made.</param>
/// <param name="RouterId">The router that decided.</param>
/// <param name="Epoch">The router's roster epoch at the decision.</param>
/// <param name="Experts">The experts chosen, best first.</param>
/// <param name="Scores">The score (gate weight) of each chosen expert, same order and length as <paramref name="Experts"/>.</param>
/// <param name="Confidence">The router's confidence in the decision, in [0, 1].</param>
/// <param name="Policy">The routing policy that chose.</param>
/// <param name="InputTokens">Input tokens billed.</param>
/// <param name="OutputTokens">Output tokens billed.</param>
/// <param name="Cost">What the request cost (currency units).</param>
/// <param name="BaselineCost">What the always-premium baseline would have cost for the same tokens.</param>
/// <param name="LatencyMs">End-to-end latency of the request in milliseconds.</param>
/// <param name="CacheHit">True when the surrogate cache answered without calling a model.</param>
/// <param name="Outcome">How the request ended.</param>
[GenerateSerializer, Immutable, Alias("moecraft.LedgerEntry")]
public sealed record LedgerEntry(
    [Id(0)] string TenantId,
    [Id(1)] string RequestId,
    [Id(2)] DateTimeOffset Timestamp,
    [Id(3)] string RouterId,
    [Id(4)] int Epoch,
    [Id(5)] EquatableArray<string> Experts,
    [Id(6)] EquatableArray<double> Scores,
    [Id(7)] double Confidence,
    [Id(8)] string Policy,
    [Id(9)] long InputTokens,
    [Id(10)] long OutputTokens,
    [Id(11)] decimal Cost,
    [Id(12)] decimal BaselineCost,
    [Id(13)] long LatencyMs,
    [Id(14)] bool CacheHit,
    [Id(15)] LedgerOutcome Outcome)
{
    /// <summary>Saved against the always-premium baseline (negative when the request cost more than the baseline).</summary>
    public decimal Savings => BaselineCost - Cost;
}

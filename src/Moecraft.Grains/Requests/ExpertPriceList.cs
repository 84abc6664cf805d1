using Moecraft.Experts;

namespace Moecraft.Requests;

/// <summary>
/// The prices (and backend kinds) of a router's experts as one request path activation last read them from the expert grains; refreshed
/// after <see cref="MaxAge"/>, so a price change reaches the request path within seconds without a grain call per request.
/// </summary>
public sealed class ExpertPriceList(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (ExpertPricing Pricing, BackendKind Backend, DateTimeOffset ReadAt)> _prices = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, ExpertPricing>> GetAsync(IEnumerable<string> expertIds)
    {
        var now = time.GetUtcNow();
        var ids = expertIds.Distinct(StringComparer.Ordinal).ToArray();
        var stale = ids.Where(id => !_prices.TryGetValue(id, out var known) || now - known.ReadAt > MaxAge).ToArray();
        if (stale.Length > 0)
        {
            var snapshots = await Task.WhenAll(stale.Select(id => grains.Reference<IExpertGrain>(id).GetSnapshot()));
            foreach (var snapshot in snapshots) _prices[snapshot.Definition.Id] = (snapshot.Definition.Pricing, snapshot.Definition.Backend, now);
        }
        return ids.ToDictionary(id => id, id => _prices[id].Pricing, StringComparer.Ordinal);
    }

    /// <summary>The backend of an expert read by an earlier <see cref="GetAsync"/>; null for one never read.</summary>
    public BackendKind? BackendOf(string expertId) => _prices.TryGetValue(expertId, out var known) ? known.Backend : null;

    /// <summary>What the dearest of <paramref name="expertIds"/> would have charged for these tokens: the always-premium baseline.</summary>
    public decimal PremiumCost(IEnumerable<string> expertIds, long inputTokens, long outputTokens) =>
        expertIds.Where(_prices.ContainsKey).Select(id => _prices[id].Pricing.CostOf(inputTokens, outputTokens)).DefaultIfEmpty(0m).Max();
}

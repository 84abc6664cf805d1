using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Ledger;

/// <summary>Where feedback finds an answered request: the ledger's stored answer, or (answered before the ledger kept answers) its own grain.</summary>
public static class AnsweredRequests
{
    public static async Task<AnsweredRequest?> RecallAsync(ILedger ledger, IGrainFactory grains, string tenantKey, string requestId) =>
        (await RecallWithAnswerAsync(ledger, grains, tenantKey, requestId))?.Request;

    /// <summary>The answered request and, where the ledger kept it, the answer the caller got (null for the grain's older record).</summary>
    public static async Task<(AnsweredRequest Request, ExpertAnswer? Answer)?> RecallWithAnswerAsync(ILedger ledger, IGrainFactory grains, string tenantKey, string requestId)
    {
        if (await ledger.RecallAsync(tenantKey, requestId) is { } stored) return (stored.ToAnsweredRequest(), stored.Result?.Answer);
        return await grains.GetGrain<IAnsweredRequestGrain>(IAnsweredRequestGrain.Key(tenantKey, requestId)).Recall() is { } answered ? (answered, null) : null;
    }
}

using Moecraft.Routing;

namespace Moecraft.Ledger;

/// <summary>Where feedback finds an answered request: the ledger's stored answer, or (answered before the ledger kept answers) its own grain.</summary>
public static class AnsweredRequests
{
    public static async Task<AnsweredRequest?> RecallAsync(ILedger ledger, IGrainFactory grains, string tenantKey, string requestId) =>
        (await ledger.RecallAsync(tenantKey, requestId))?.ToAnsweredRequest()
        ?? await grains.GetGrain<IAnsweredRequestGrain>(IAnsweredRequestGrain.Key(tenantKey, requestId)).Recall();
}

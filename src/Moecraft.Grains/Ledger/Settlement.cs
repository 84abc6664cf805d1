namespace Moecraft.Ledger;

/// <summary>
/// One request's durable unit, committed in one transaction: its ledger line (the charge: a tenant's spend is the sum of
/// its answered lines) and what was answered (the stored answer a retry with the same id gets back, and what feedback
/// recalls). Keyed by tenant and request id: a second unit for the same key writes nothing and reports the first.
/// </summary>
/// <param name="Line">The ledger line; null on the open path (no tenant, nothing charged).</param>
/// <param name="Answer">What was answered; null for a failed request.</param>
public sealed record Settlement(LedgerEntry? Line, StoredAnswer? Answer)
{
    public string TenantId => Line?.TenantId ?? Answer?.TenantId ?? throw new InvalidOperationException("A settlement needs a line or an answer.");

    public string RequestId => Line?.RequestId ?? Answer?.RequestId ?? throw new InvalidOperationException("A settlement needs a line or an answer.");
}

namespace Moecraft.Tenants;

/// <summary>A request whose reservation ended: settled (charged) or released (nothing charged).</summary>
public sealed record FinishedRequest(string RequestId, decimal Reserved, decimal Charged, bool Released);

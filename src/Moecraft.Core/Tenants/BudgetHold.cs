namespace Moecraft.Tenants;

/// <summary>Money held for one in-flight request.</summary>
public sealed record BudgetHold(string RequestId, decimal Amount, DateTimeOffset ReservedAt);

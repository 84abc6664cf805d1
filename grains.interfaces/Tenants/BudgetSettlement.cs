namespace Moecraft.Tenants;

/// <summary>How a reservation ended: charged with the actual cost, or released with nothing charged.</summary>
/// <param name="TenantId">The tenant charged.</param>
/// <param name="RequestId">The request settled or released.</param>
/// <param name="Reserved">The amount that was held.</param>
/// <param name="Charged">The amount charged (zero when released).</param>
/// <param name="Released">True when the call failed and the reservation was released without a charge.</param>
[GenerateSerializer, Immutable, Alias("moecraft.BudgetSettlement")]
public sealed record BudgetSettlement([Id(0)] string TenantId, [Id(1)] string RequestId, [Id(2)] decimal Reserved, [Id(3)] decimal Charged, [Id(4)] bool Released)
{
    /// <summary>The part of the reservation given back to the budget.</summary>
    public decimal Returned => Math.Max(0m, Reserved - Charged);
}

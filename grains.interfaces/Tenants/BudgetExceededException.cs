namespace Moecraft.Tenants;

/// <summary>A reservation would take the tenant over its budget for the period; nothing was reserved or charged.</summary>
[GenerateSerializer, Alias("moecraft.BudgetExceededException")]
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException(string tenantId, decimal requested, decimal remaining, DateTimeOffset periodEnd)
        : base($"Tenant '{tenantId}' has {remaining} left of its budget until {periodEnd:u}; the request needs up to {requested}.")
    {
        TenantId = tenantId;
        Requested = requested;
        Remaining = remaining;
        PeriodEnd = periodEnd;
    }

    [Id(0)]
    public string TenantId { get; }

    /// <summary>The worst-case cost that was asked for.</summary>
    [Id(1)]
    public decimal Requested { get; }

    /// <summary>What the period's budget still allows (budget minus spent minus reserved).</summary>
    [Id(2)]
    public decimal Remaining { get; }

    /// <summary>When the budget starts afresh.</summary>
    [Id(3)]
    public DateTimeOffset PeriodEnd { get; }
}

namespace Moecraft.Tenants;

/// <summary>How often a tenant's budget starts afresh; periods are calendar days or months in UTC.</summary>
[GenerateSerializer, Alias("moecraft.BudgetPeriod")]
public enum BudgetPeriod
{
    /// <summary>From 00:00 UTC to the next 00:00 UTC.</summary>
    Daily = 0,

    /// <summary>From the first of the month, 00:00 UTC, to the first of the next month.</summary>
    Monthly = 1,
}

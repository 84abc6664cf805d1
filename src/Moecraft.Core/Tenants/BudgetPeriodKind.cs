namespace Moecraft.Tenants;

/// <summary>The calendar unit a budget covers, in UTC.</summary>
public enum BudgetPeriodKind
{
    Daily,
    Monthly,
}

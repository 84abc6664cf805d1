namespace Moecraft.Tenants;

/// <summary>The words for budget periods on the command line and in HTTP bodies: <c>daily</c> and <c>monthly</c>.</summary>
public static class BudgetPeriodNames
{
    public const string Daily = "daily";

    public const string Monthly = "monthly";

    /// <summary>The period a word names (case-insensitive); <see cref="ArgumentException"/> for any other word.</summary>
    public static BudgetPeriod Parse(string? value, string parameterName = "period") => value?.Trim().ToLowerInvariant() switch
    {
        Daily => BudgetPeriod.Daily,
        Monthly => BudgetPeriod.Monthly,
        _ => throw new ArgumentException($"A budget period is '{Daily}' or '{Monthly}'; got '{value}'.", parameterName),
    };

    /// <summary>The word for <paramref name="period"/>.</summary>
    public static string Format(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Daily => Daily,
        BudgetPeriod.Monthly => Monthly,
        _ => period.ToString(),
    };
}

namespace Moecraft.Tenants;

/// <summary>One budget period: [<see cref="Start"/>, <see cref="End"/>) in UTC.</summary>
public readonly record struct BudgetWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The day or month (UTC) that contains <paramref name="instant"/>.</summary>
    public static BudgetWindow Containing(BudgetPeriodKind kind, DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return kind switch
        {
            BudgetPeriodKind.Daily => Between(utc.Date, utc.Date.AddDays(1)),
            BudgetPeriodKind.Monthly => Between(new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown budget period."),
        };
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    private static BudgetWindow Between(DateTime start, DateTime end) =>
        new(new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
}

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// Money as the ledger table stores it: whole 1e-9 currency units in a 64-bit integer, so SQLite and PostgreSQL both
/// sum it exactly (SQLite has no exact decimal type).
/// </summary>
public static class LedgerMoney
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    public static long ToNanos(decimal amount) => decimal.ToInt64(decimal.Round(amount * NanosPerUnit, MidpointRounding.AwayFromZero));

    public static decimal FromNanos(long nanos) => nanos / NanosPerUnit;
}

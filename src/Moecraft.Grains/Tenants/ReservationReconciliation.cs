using Moecraft.Ledger;

namespace Moecraft.Tenants;

/// <summary>
/// The rules that tie a tenant's in-memory account to the ledger, whose lines are the charges: restoring the account when
/// the tenant activates, and closing reservations whose lease ran out.
/// </summary>
public static class ReservationReconciliation
{
    /// <summary>The router named on lines that close an expired reservation (no router settled it).</summary>
    public const string ExpiredRouter = "-";

    /// <summary>The policy named on those lines: why the request ended.</summary>
    public const string ExpiredPolicy = "reservation-expired";

    /// <summary>The most recent lines an activation remembers as finished.</summary>
    public const int RestoreLimit = 100_000;

    /// <summary>How far back an activation remembers lines as finished: the lease, and at least two minutes (a failover's delay, many times over).</summary>
    public static TimeSpan RestoreWindow(ReservationLease lease) => lease.Duration > TimeSpan.FromMinutes(2) ? lease.Duration : TimeSpan.FromMinutes(2);

    /// <summary>
    /// The account of <paramref name="settings"/> in the period containing <paramref name="now"/>, as the ledger tells it:
    /// spend and requests from the period's charged lines, recent lines remembered as finished (so a settle that arrives
    /// after the activation is not counted twice), and holds persisted by an earlier version, left to expire.
    /// </summary>
    public static BudgetAccount Restore(TenantSettings settings, BudgetPeriodKind period, BudgetWindow window, TenantCharges charges, IEnumerable<BudgetHold> holds)
    {
        // Up to RestoreLimit lines: one set, not a scan of them per hold.
        var finished = charges.Recent.Select(l => l.RequestId).ToHashSet(StringComparer.Ordinal);
        return new(
            settings.Budget,
            period,
            window,
            charges.Spent,
            charges.Requests,
            holds.Where(h => !finished.Contains(h.RequestId)),
            charges.Recent.OrderBy(l => l.Timestamp).Select(l => new FinishedRequest(l.RequestId, 0m, l.Outcome == LedgerOutcome.Answered ? l.Cost : 0m, l.Outcome != LedgerOutcome.Answered)));
    }

    /// <summary>The Failed line that closes an expired reservation; if the request's own line got there first, it is not written.</summary>
    public static LedgerEntry ExpiredLine(string tenantId, BudgetHold hold, DateTimeOffset now) => new(
        tenantId, hold.RequestId, now, ExpiredRouter, 0, [], [], 0, ExpiredPolicy, 0, 0, 0m, 0m,
        (long)Math.Max(0, (now - hold.ReservedAt).TotalMilliseconds), CacheHit: false, LedgerOutcome.Failed);

    /// <summary>Closes an expired hold by what the ledger holds: the request's answered line is charged, anything else released.</summary>
    public static FinishedRequest Close(BudgetAccount account, BudgetHold hold, LedgerCommit commit, DateTimeOffset now) =>
        commit is { Written: false, Existing: { Outcome: LedgerOutcome.Answered } answered }
            ? account.Settle(hold.RequestId, answered.Cost, now)
            : account.Release(hold.RequestId, now);
}

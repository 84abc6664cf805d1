namespace Moecraft.Tenants;

/// <summary>
/// How long a budget reservation may stay open ("Moecraft:Tenants:ReservationLease"). A request that has neither settled
/// nor failed by then is reconciled against the ledger: charged if its answer's line is there, else closed with a Failed
/// line (so a late answer can no longer be charged) and released. Longer than any request may take.
/// </summary>
public sealed record ReservationLease(TimeSpan Duration)
{
    public static readonly ReservationLease Default = new(TimeSpan.FromMinutes(10));

    /// <summary>How often a tenant looks for expired reservations: a quarter of the lease, at most every 30 s.</summary>
    public TimeSpan CheckEvery => TimeSpan.FromTicks(Math.Clamp(Duration.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));

    public ReservationLease Validate() =>
        Duration >= TimeSpan.FromSeconds(1) && Duration <= TimeSpan.FromDays(1)
            ? this
            : throw new ArgumentException($"Moecraft:Tenants:ReservationLease must be 1 s to 1 day; got {Duration}.");
}

using Microsoft.Extensions.DependencyInjection;
using Moecraft.Hosting.Configuration;
using Moecraft.Ledger;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Tenants;

/// <summary>
/// Reservations expire (issue 12): one that outlives its lease is closed against the ledger, charged only when its
/// request's answered line is there (own one-silo cluster with a one-second lease).
/// </summary>
public sealed class ReservationLeaseTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("moecraft-lease");
    private SqliteTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SqliteTestCluster.StartAsync(silos: 1, _data.Path,
            options => options.Tenants = new MoecraftTenantOptions { ReservationLease = TimeSpan.FromSeconds(1) });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    private ILedger Ledger => _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ILedger>();

    [Fact]
    public async Task A_reservation_nobody_settles_is_released_with_a_failed_line_and_a_late_answer_is_not_charged()
    {
        var id = TestTenants.UniqueId();
        var tenant = _cluster.Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m));
        await tenant.Reserve("stuck", 4m);

        var usage = await NothingReservedAsync(tenant);

        Assert.Equal((0m, 10m), (usage.Spent, usage.Remaining));
        var line = await Ledger.FindAsync(id, "stuck");
        Assert.Equal((LedgerOutcome.Failed, ReservationReconciliation.ExpiredPolicy, 0m), (line?.Outcome, line?.Policy, line?.Cost));
        // The request's own answer arriving now finds its id closed: nothing is written, nothing charged.
        var late = await Ledger.CommitAsync(new Settlement(Answered(id, "stuck", 3m), null));
        Assert.False(late.Written);
        Assert.Equal(0m, (await tenant.GetUsage()).Spent);
    }

    [Fact]
    public async Task A_reservation_whose_answer_reached_the_ledger_is_charged_when_its_lease_runs_out()
    {
        var id = TestTenants.UniqueId();
        var tenant = _cluster.Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m));
        await tenant.Reserve("answered", 4m);
        // The router committed the answer and then died before telling the tenant.
        Assert.True((await Ledger.CommitAsync(new Settlement(Answered(id, "answered", 1.25m), null))).Written);

        var usage = await NothingReservedAsync(tenant);

        Assert.Equal((1.25m, 1L), (usage.Spent, usage.Requests));
        Assert.Equal(LedgerOutcome.Answered, (await Ledger.FindAsync(id, "answered"))?.Outcome);
    }

    private static Task<TenantUsage> NothingReservedAsync(ITenantGrain tenant) => Eventually.Succeeds(async () =>
    {
        var now = await tenant.GetUsage();
        return now.Reserved == 0 ? now : throw new InvalidOperationException($"{now.Reserved} still reserved");
    }, TimeSpan.FromSeconds(20), "the lease to close the reservation");

    private static LedgerEntry Answered(string tenant, string requestId, decimal cost) => new(
        tenant, requestId, DateTimeOffset.UtcNow, "default", 0, ["e"], [1.0], 1.0, "fixed", 10, 10, cost, cost, 5, false, LedgerOutcome.Answered);
}

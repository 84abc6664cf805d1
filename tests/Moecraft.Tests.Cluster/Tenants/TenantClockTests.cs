using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Tenants;
using Moecraft.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Moecraft.Tests.Tenants;

/// <summary>
/// The tenant grain on a silo whose clock the test moves: the budget period rolls over at midnight UTC, open
/// reservations carry over, and the rate limit refills with time (own one-silo cluster: it replaces the clock).
/// </summary>
public sealed class TenantClockTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("moecraft-tenant-clock");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var options = new MoecraftSiloOptions
        {
            Storage = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _data.Path },
            Seed = new MoecraftSeedOptions { Enabled = false },
            // The test moves the clock by hours; reservations must not expire under it.
            Tenants = new MoecraftTenantOptions { ReservationLease = TimeSpan.FromDays(1) },
            Embeddings = new MoecraftEmbeddingOptions { Embedder = MoecraftEmbeddingOptions.Hashing },
        };
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMoecraft(options).UseInMemoryReminderService();
            // Grains see the test's clock (their timers fire when the test advances it); Orleans' own timers keep real time.
            silo.Services.AddSingleton<TimeProvider>(_clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_period_rolls_over_at_midnight_utc_and_the_rate_limit_refills()
    {
        var apiKey = TestTenants.NewApiKey();
        var tenant = _cluster.Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        await tenant.Configure(TestTenants.Settings(5m, BudgetPeriod.Daily, TestTenants.Key(apiKey, 1)));

        await tenant.Reserve("r1", 4m);
        await tenant.Settle("r1", 4m);
        await tenant.Reserve("open", 1m);
        await Assert.ThrowsAsync<BudgetExceededException>(() => tenant.Reserve("r2", 1m));
        Assert.True(await tenant.AuthorizeKey(apiKey));
        var limited = await Assert.ThrowsAsync<RateLimitExceededException>(() => tenant.AuthorizeKey(apiKey));
        Assert.Equal(TimeSpan.FromMinutes(1), limited.RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(4m, (await tenant.GetUsage()).Spent);
        await Assert.ThrowsAsync<BudgetExceededException>(() => tenant.Reserve("r2", 1m));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var usage = await tenant.GetUsage();
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), usage.PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), usage.PeriodEnd);
        Assert.Equal(0m, usage.Spent);
        Assert.Equal(1m, usage.Reserved);
        await tenant.Reserve("r2", 4m);
        Assert.True(await tenant.AuthorizeKey(apiKey));

        // The new period is what storage holds after a reactivation.
        await _cluster.DeactivateAsync(tenant);
        usage = await tenant.GetUsage();
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), usage.PeriodStart);
        Assert.Equal(5m, usage.Reserved);
        Assert.Equal(0m, usage.Remaining);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Ledger;

/// <summary>Commits still queued at a graceful stop are written before the silo exits, and are on disk when it starts again.</summary>
public sealed class LedgerRestartTests
{
    [Fact]
    public async Task Ledger_lines_survive_a_graceful_restart()
    {
        using var data = new TempDirectory("moecraft-ledger-restart");
        var entries = Enumerable.Range(0, 500).Select(i => TestLedger.Entry("restart", i)).ToList();

        // Small batches, so most commits are still queued when the stop begins.
        List<Task<LedgerCommit>> commits;
        await using (var cluster = await SqliteTestCluster.StartAsync(silos: 1, data.Path,
            options => options.Ledger = new MoecraftLedgerOptions { BatchSize = 1 }))
        {
            var ledger = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<BatchingLedger>();
            commits = [.. entries.Select(e => ledger.CommitAsync(new Settlement(e, null)))];
            // Not awaited: the graceful stop (in DisposeAsync) must write what is still queued.
        }
        Assert.All(await Task.WhenAll(commits), c => Assert.True(c.Written));

        await using (var cluster = await SqliteTestCluster.StartAsync(silos: 1, data.Path))
        {
            var query = cluster.Client.GetGrain<ILedgerQueryGrain>(0);
            var found = new List<LedgerEntry>();
            string? cursor = null;
            do
            {
                var page = await query.GetHistory("restart", 200, cursor);
                found.AddRange(page.Entries);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(entries.OrderByDescending(e => e.Timestamp), found);
            Assert.Equal(500, (await query.GetCost("restart", TestLedger.Start, TestLedger.Start.AddDays(1))).Requests);
        }
    }
}

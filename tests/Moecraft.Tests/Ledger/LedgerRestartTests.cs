using Microsoft.Extensions.DependencyInjection;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Ledger;

/// <summary>Lines appended right before a graceful stop are on disk when the silo starts again on the same database.</summary>
public sealed class LedgerRestartTests
{
    [Fact]
    public async Task Ledger_lines_survive_a_graceful_restart()
    {
        using var data = new TempDirectory("moecraft-ledger-restart");
        var entries = Enumerable.Range(0, 500).Select(i => TestLedger.Entry("restart", i)).ToList();

        // Batches that neither fill up nor time out: only the stop can write them.
        await using (var cluster = await SqliteTestCluster.StartAsync(silos: 1, data.Path,
            options => options.Ledger = new MoecraftLedgerOptions { BatchSize = 10_000, FlushInterval = TimeSpan.FromMinutes(1) }))
        {
            var ledger = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<BatchingLedger>();
            foreach (var entry in entries) await ledger.AppendAsync(entry);
            Assert.Equal(0, ledger.EntriesWritten);
            // No flush: the graceful stop (in DisposeAsync) must write what is still queued.
        }

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

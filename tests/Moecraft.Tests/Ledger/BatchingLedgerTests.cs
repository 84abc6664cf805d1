using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Ledger;

/// <summary>The ledger's queue and batching, against a store that records what it is asked to write.</summary>
public sealed class BatchingLedgerTests
{
    [Fact]
    public async Task Entries_are_written_in_order_in_batches_no_larger_than_the_batch_size()
    {
        var store = new RecordingLedgerStore();
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 50, FlushInterval = TimeSpan.FromSeconds(30) },
            NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        var entries = Enumerable.Range(0, 1000).Select(i => TestLedger.Entry("batching", i)).ToList();
        foreach (var entry in entries) await ledger.AppendAsync(entry);
        await ledger.FlushAsync();

        Assert.Equal(entries, store.Entries);
        Assert.All(store.Batches, batch => Assert.InRange(batch.Count, 1, 50));
        Assert.InRange(store.Batches.Count, 20, 999); // batched: never one transaction per entry
        Assert.Equal(1000, ledger.EntriesWritten);
        Assert.Equal(store.Batches.Count, ledger.BatchesWritten);
    }

    [Fact]
    public async Task A_partial_batch_is_written_once_the_flush_interval_passes()
    {
        var store = new RecordingLedgerStore();
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(50) },
            NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        await ledger.AppendAsync(TestLedger.Entry("timer", 1));
        await ledger.AppendAsync(TestLedger.Entry("timer", 2));

        var written = await Eventually.Succeeds(
            () => store.Entries.Count == 2 ? Task.FromResult(store.Entries) : throw new InvalidOperationException($"{store.Entries.Count} written"),
            TimeSpan.FromSeconds(30), "the time-triggered write");
        Assert.Equal(["req-1", "req-2"], written.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Stopping_drains_the_queue_and_later_appends_are_refused()
    {
        var store = new RecordingLedgerStore();
        var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 64, FlushInterval = TimeSpan.FromMinutes(1) },
            NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        for (var i = 0; i < 300; i++) await ledger.AppendAsync(TestLedger.Entry("drain", i));

        await ledger.StopAsync(CancellationToken.None);

        Assert.Equal(300, store.Entries.Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.AppendAsync(TestLedger.Entry("drain", 301)).AsTask());
        await ledger.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_write_is_retried_without_losing_or_duplicating_entries()
    {
        var store = new RecordingLedgerStore(failFirstWrites: 2);
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 10, FlushInterval = TimeSpan.FromMilliseconds(20) },
            NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        for (var i = 0; i < 25; i++) await ledger.AppendAsync(TestLedger.Entry("retry", i));
        await ledger.FlushAsync();

        Assert.Equal(2, store.FailedWrites);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"req-{i}"), store.Entries.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Invalid_entries_are_rejected_and_nothing_is_queued()
    {
        var store = new RecordingLedgerStore();
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions(), NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        var valid = TestLedger.Entry("invalid", 1);

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { TenantId = "" }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { TenantId = "a/b" }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { RequestId = " " }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { Cost = -0.01m }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { BaselineCost = 1e12m }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { InputTokens = -1 }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { Scores = [0.5] }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { Confidence = 1.2 }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(valid with { Outcome = (Moecraft.Ledger.LedgerOutcome)9 }).AsTask());
        await ledger.FlushAsync();

        Assert.Empty(store.Entries);
        Assert.Throws<ArgumentException>(() => new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 0 }, NullLogger<BatchingLedger>.Instance));
    }
}

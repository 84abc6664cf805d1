using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;

namespace Moecraft.Tests.Ledger;

/// <summary>The ledger's group commit, against a store that records what it is asked to write.</summary>
public sealed class BatchingLedgerTests
{
    private static Settlement Line(LedgerEntry entry) => new(entry, null);

    [Fact]
    public async Task Concurrent_commits_share_transactions_no_larger_than_the_batch_size_and_each_is_written_once()
    {
        var store = new RecordingLedgerStore { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 50 }, NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        var entries = Enumerable.Range(0, 1000).Select(i => TestLedger.Entry("batching", i)).ToList();
        var commits = entries.Select(e => ledger.CommitAsync(Line(e))).ToList();
        store.Hold.SetResult(); // the first transaction was held: everything else queued behind it
        var results = await Task.WhenAll(commits);

        Assert.All(results, r => Assert.True(r.Written));
        Assert.Equal(entries.OrderBy(e => e.RequestId), store.Entries.OrderBy(e => e.RequestId));
        Assert.All(store.Batches, batch => Assert.InRange(batch.Count, 1, 50));
        Assert.InRange(store.Batches.Count, 20, 100); // grouped: never one transaction per commit
        Assert.Equal(1000, ledger.EntriesWritten);
        Assert.Equal(store.Batches.Count, ledger.BatchesWritten);
    }

    [Fact]
    public async Task A_commit_completes_only_once_its_transaction_is_written()
    {
        var store = new RecordingLedgerStore { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions(), NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        var commit = ledger.CommitAsync(Line(TestLedger.Entry("durable", 1)));
        await Task.Delay(200);
        Assert.False(commit.IsCompleted);
        Assert.Empty(store.Entries);

        store.Hold.SetResult();
        Assert.True((await commit).Written);
        Assert.Equal(["req-1"], store.Entries.Select(e => e.RequestId));
    }

    [Fact]
    public async Task A_second_commit_under_the_same_request_id_writes_nothing_and_returns_the_first_line()
    {
        var store = new RecordingLedgerStore();
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions(), NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        var first = TestLedger.Entry("once", 1);

        Assert.True((await ledger.CommitAsync(Line(first))).Written);
        var again = await ledger.CommitAsync(Line(first with { Cost = 9m, Outcome = LedgerOutcome.Failed }));

        Assert.False(again.Written);
        Assert.Equal(first, again.Existing);
        Assert.Equal([first], store.Entries);
    }

    [Fact]
    public async Task Stopping_drains_the_queue_and_later_commits_are_refused()
    {
        var store = new RecordingLedgerStore { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 64 }, NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        var commits = Enumerable.Range(0, 300).Select(i => ledger.CommitAsync(Line(TestLedger.Entry("drain", i)))).ToList();

        var stopping = ledger.StopAsync(CancellationToken.None);
        store.Hold.SetResult();
        await stopping;

        Assert.All(await Task.WhenAll(commits), r => Assert.True(r.Written));
        Assert.Equal(300, store.Entries.Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.CommitAsync(Line(TestLedger.Entry("drain", 301))));
        await ledger.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_write_is_retried_without_losing_or_duplicating_entries()
    {
        var store = new RecordingLedgerStore(failFirstWrites: 2);
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 10 }, NullLogger<BatchingLedger>.Instance);
        ledger.Start();

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => ledger.CommitAsync(Line(TestLedger.Entry("retry", i)))));

        Assert.All(results, r => Assert.True(r.Written));
        Assert.Equal(2, store.FailedWrites);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"req-{i}").Order(), store.Entries.Select(e => e.RequestId).Order());
    }

    [Fact]
    public async Task Invalid_settlements_are_rejected_and_nothing_is_queued()
    {
        var store = new RecordingLedgerStore();
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions(), NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        var valid = TestLedger.Entry("invalid", 1);
        var answer = new StoredAnswer("invalid", "req-1", "default", "hi", ["e"], TestLedger.Start, null);

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { TenantId = "" })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { TenantId = "a/b" })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { RequestId = " " })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { Cost = -0.01m })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { BaselineCost = 1e12m })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { InputTokens = -1 })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { Scores = [0.5] })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { Confidence = 1.2 })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(Line(valid with { Outcome = (LedgerOutcome)9 })));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(new Settlement(null, null)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.CommitAsync(new Settlement(valid, answer with { RequestId = "req-2" })));
        await ledger.FlushAsync();

        Assert.Empty(store.Batches);
        Assert.Throws<ArgumentException>(() => new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 0 }, NullLogger<BatchingLedger>.Instance));
    }
}

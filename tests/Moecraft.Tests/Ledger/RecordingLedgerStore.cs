using System.Collections.Concurrent;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;

namespace Moecraft.Tests.Ledger;

/// <summary>An in-memory store that records each batch it is given, and can fail the first writes on request.</summary>
public sealed class RecordingLedgerStore : ILedgerStore
{
    private int _failuresLeft;

    public RecordingLedgerStore(int failFirstWrites = 0) => _failuresLeft = failFirstWrites;

    public ConcurrentQueue<IReadOnlyList<LedgerEntry>> Batches { get; } = new();

    public IReadOnlyList<LedgerEntry> Entries => [.. Batches.SelectMany(b => b)];

    public int FailedWrites { get; private set; }

    public Task AppendAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            FailedWrites++;
            throw new IOException("simulated database outage");
        }
        Batches.Enqueue([.. batch]); // the ledger reuses its list
        return Task.CompletedTask;
    }

    public Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Only writes are recorded.");

    public Task<IReadOnlyList<(LedgerCursor Position, LedgerEntry Entry)>> GetHistoryAsync(
        string tenantId, LedgerCursor? before, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Only writes are recorded.");
}

using System.Collections.Concurrent;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;

namespace Moecraft.Tests.Ledger;

/// <summary>
/// An in-memory store that records each batch it is given and keeps settlements by tenant and request id as the tables
/// do; it can fail the first writes, or hold every write until released.
/// </summary>
public sealed class RecordingLedgerStore : ILedgerStore
{
    private readonly Dictionary<(string, string), Settlement> _stored = [];
    private int _failuresLeft;

    public RecordingLedgerStore(int failFirstWrites = 0) => _failuresLeft = failFirstWrites;

    public ConcurrentQueue<IReadOnlyList<Settlement>> Batches { get; } = new();

    /// <summary>Lines written, in order (a settlement whose key was taken is not written).</summary>
    public IReadOnlyList<LedgerEntry> Entries { get { lock (_stored) return [.. _written]; } }

    public int FailedWrites { get; private set; }

    /// <summary>When set, every write waits for it.</summary>
    public TaskCompletionSource? Hold { get; set; }

    private readonly List<LedgerEntry> _written = [];

    public async Task<IReadOnlyList<LedgerCommit>> WriteAsync(IReadOnlyList<Settlement> batch, CancellationToken cancellationToken)
    {
        if (Hold is { } hold) await hold.Task.WaitAsync(cancellationToken);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            FailedWrites++;
            throw new IOException("simulated database outage");
        }
        Batches.Enqueue([.. batch]); // the ledger reuses its list
        var results = new List<LedgerCommit>();
        lock (_stored)
        {
            foreach (var settlement in batch)
            {
                if (_stored.TryGetValue((settlement.TenantId, settlement.RequestId), out var first))
                {
                    results.Add(new LedgerCommit(false, first.Line));
                    continue;
                }
                _stored.Add((settlement.TenantId, settlement.RequestId), settlement);
                if (settlement.Line is { } line) _written.Add(line);
                results.Add(LedgerCommit.Stored);
            }
        }
        return results;
    }

    public Task<StoredAnswer?> RecallAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        lock (_stored) return Task.FromResult(_stored.GetValueOrDefault((tenantId, requestId))?.Answer);
    }

    public Task<LedgerEntry?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        lock (_stored) return Task.FromResult(_stored.GetValueOrDefault((tenantId, requestId))?.Line);
    }

    public Task<TenantCharges> GetChargesAsync(string tenantId, DateTimeOffset periodStart, DateTimeOffset recentSince, int recentLimit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Only writes are recorded.");

    public Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Only writes are recorded.");

    public Task<IReadOnlyList<(LedgerCursor Position, LedgerEntry Entry)>> GetHistoryAsync(
        string tenantId, LedgerCursor? before, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Only writes are recorded.");
}

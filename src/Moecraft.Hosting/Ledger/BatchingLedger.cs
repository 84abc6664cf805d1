using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Moecraft.Hosting.Configuration;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;
using Orleans.Runtime;

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// The silo's <see cref="ILedger"/>, a group commit: a commit goes into a channel and its caller waits; one background
/// writer takes out whatever is waiting (up to <see cref="MoecraftLedgerOptions.BatchSize"/>), writes it in one
/// transaction and completes each caller with its own result. It never waits for a batch to fill: under load, the
/// commits that arrive while one transaction runs form the next. A failed batch is retried until it is written. It
/// starts with the silo's storage services and stops after them in reverse, i.e. after every grain has deactivated,
/// draining the queue before the silo exits.
/// </summary>
public sealed partial class BatchingLedger : ILedger, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    public const int MaxPageSize = 500;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ILedgerStore _store;
    private readonly MoecraftLedgerOptions _options;
    private readonly ILogger<BatchingLedger> _logger;
    private readonly Channel<Item> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private Task? _writer;
    private long _batches;
    private long _written;

    public BatchingLedger(ILedgerStore store, MoecraftLedgerOptions options, ILogger<BatchingLedger> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _options = options.Validate();
        _logger = logger;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Batches written so far (each one transaction).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Settlements written so far (including those whose key was already taken).</summary>
    public long EntriesWritten => Interlocked.Read(ref _written);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BatchingLedger), ServiceLifecycleStage.RuntimeStorageServices,
            _ => { Start(); return Task.CompletedTask; },
            StopAsync);

    /// <summary>Starts the background writer (idempotent).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>
    /// Refuses new commits, writes everything queued and waits for it. If <paramref name="cancellationToken"/> fires
    /// first (the host's stop deadline), the writer gives up, fails the waiting commits and logs how many there were.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        Start();
        using var registration = cancellationToken.Register(_abort.Cancel);
        await _writer!.ConfigureAwait(false);
    }

    public async Task<LedgerCommit> CommitAsync(Settlement settlement, CancellationToken cancellationToken = default)
    {
        LedgerEntryValidator.Validate(settlement);
        var done = new TaskCompletionSource<LedgerCommit>(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(new Item(settlement, done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<LedgerCommit>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Item(null, done), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Stopped: everything queued earlier was drained by the stop, or failed to its callers.
            await (_writer ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<StoredAnswer?> RecallAsync(string tenantId, string requestId, CancellationToken cancellationToken = default)
    {
        ValidateKey(tenantId, requestId, allowOpen: true);
        return _store.RecallAsync(tenantId, requestId, cancellationToken);
    }

    public Task<LedgerEntry?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken = default)
    {
        ValidateKey(tenantId, requestId, allowOpen: false);
        return _store.FindAsync(tenantId, requestId, cancellationToken);
    }

    public Task<TenantCharges> GetChargesAsync(
        string tenantId, DateTimeOffset periodStart, DateTimeOffset recentSince, int recentLimit, CancellationToken cancellationToken = default)
    {
        TenantIds.Validate(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recentLimit);
        return _store.GetChargesAsync(tenantId, periodStart, recentSince, recentLimit, cancellationToken);
    }

    public Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        TenantIds.Validate(tenantId);
        if (from >= to) throw new ArgumentException($"The range start {from:o} must be before its end {to:o}.", nameof(from));
        return _store.GetCostAsync(tenantId, from, to, cancellationToken);
    }

    public async Task<LedgerHistoryPage> GetHistoryAsync(string tenantId, int pageSize, string? cursor, CancellationToken cancellationToken = default)
    {
        TenantIds.Validate(tenantId);
        if (pageSize is < 1 or > MaxPageSize)
            throw new ArgumentException($"The page size must be 1 to {MaxPageSize}; got {pageSize}.", nameof(pageSize));
        LedgerCursor? before = cursor is null ? null : LedgerCursor.Parse(cursor);

        // One row more than the page tells whether an older page exists.
        var rows = await _store.GetHistoryAsync(tenantId, before, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? page[^1].Position.Format() : null;
        return new LedgerHistoryPage([.. page.Select(r => r.Entry)], next);
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await StopAsync(deadline.Token).ConfigureAwait(false);
        _abort.Dispose();
    }

    private static void ValidateKey(string tenantId, string requestId, bool allowOpen)
    {
        if (!(allowOpen && tenantId == StoredAnswer.OpenTenant)) TenantIds.Validate(tenantId);
        RequestIds.Validate(requestId, nameof(requestId));
    }

    private async ValueTask EnqueueAsync(Item item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The ledger has stopped; the silo is shutting down.");
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Item>(_options.BatchSize);
        var flushes = new List<TaskCompletionSource<LedgerCommit>>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Whatever is waiting, up to a batch; a flush ends the batch so it completes after what came before it.
                while (batch.Count < _options.BatchSize && reader.TryRead(out var item))
                {
                    if (item.Settlement is null)
                    {
                        flushes.Add(item.Done);
                        break;
                    }
                    batch.Add(item);
                }
                if (batch.Count > 0)
                {
                    var results = await WriteAsync(batch).ConfigureAwait(false);
                    for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                }
                foreach (var flush in flushes) flush.TrySetResult(LedgerCommit.Stored);
                batch.Clear();
                flushes.Clear();
            }
        }
        // Only the stop deadline ends the loop early; the store may report the cancellation as its own exception type.
        catch (Exception) when (_abort.IsCancellationRequested)
        {
            while (reader.TryRead(out var item)) batch.Add(item);
            LogLost(_logger, batch.Count(i => i.Settlement is not null));
            var error = new InvalidOperationException("The ledger stopped before writing this settlement; nothing of it is stored.");
            foreach (var item in batch) item.Done.TrySetException(error);
            foreach (var flush in flushes) flush.TrySetException(error);
        }
    }

    private async Task<IReadOnlyList<LedgerCommit>> WriteAsync(List<Item> batch)
    {
        var settlements = batch.ConvertAll(i => i.Settlement!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await _store.WriteAsync(settlements, _abort.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _written, batch.Count);
                return results;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, attempt - 1)));
                LogWriteFailed(_logger, ex, batch.Count, attempt, delay);
                await Task.Delay(delay, _abort.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A settlement to write and its caller's completion, or (no settlement) a flush request.</summary>
    private readonly record struct Item(Settlement? Settlement, TaskCompletionSource<LedgerCommit> Done);
}

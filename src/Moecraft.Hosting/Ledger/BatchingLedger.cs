using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Moecraft.Hosting.Configuration;
using Moecraft.Ledger;
using Moecraft.Tenants;
using Orleans.Runtime;

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// The silo's <see cref="ILedger"/>: appends go into a channel and return at once; one background writer takes them out
/// in batches (full batch or <see cref="MoecraftLedgerOptions.FlushInterval"/> after the batch's first entry) and writes
/// each batch in one transaction, retrying a failed batch until it is written. It starts with the silo's storage services
/// and stops after them in reverse, i.e. after every grain has deactivated, draining the queue before the silo exits.
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

    /// <summary>Entries written so far.</summary>
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
    /// Refuses new entries, writes everything queued and waits for it. If <paramref name="cancellationToken"/> fires
    /// first (the host's stop deadline), the writer gives up and logs how many entries were not written.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        Start();
        using var registration = cancellationToken.Register(_abort.Cancel);
        await _writer!.ConfigureAwait(false);
    }

    public async ValueTask AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        LedgerEntryValidator.Validate(entry);
        try
        {
            await _queue.Writer.WriteAsync(new Item(entry, null), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The ledger has stopped; the silo is shutting down.");
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Item(null, done), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Stopped: everything appended earlier was drained by the stop, or logged as lost.
            await (_writer ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<LedgerEntry>(_options.BatchSize);
        var flushes = new List<TaskCompletionSource>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                await FillAsync(reader, batch, flushes).ConfigureAwait(false);
                if (batch.Count > 0) await WriteAsync(batch).ConfigureAwait(false);
                foreach (var flush in flushes) flush.TrySetResult();
                batch.Clear();
                flushes.Clear();
            }
        }
        // Only the stop deadline ends the loop early; the store may report the cancellation as its own exception type.
        catch (Exception) when (_abort.IsCancellationRequested)
        {
            var lost = batch.Count;
            while (reader.TryRead(out var item))
            {
                if (item.Entry is not null) lost++;
                flushes.Add(item.Flush ?? new TaskCompletionSource());
            }
            LogLost(_logger, lost);
            var error = new InvalidOperationException($"The ledger stopped before writing {lost} entries.");
            foreach (var flush in flushes) flush.TrySetException(error);
        }
    }

    // Takes entries until the batch is full, a flush is requested, the queue is completed or the interval has passed.
    private async Task FillAsync(ChannelReader<Item> reader, List<LedgerEntry> batch, List<TaskCompletionSource> flushes)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            while (batch.Count < _options.BatchSize && reader.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                {
                    flushes.Add(flush);
                    return;
                }
                batch.Add(item.Entry!);
            }
            var remaining = _options.FlushInterval - TimeProvider.System.GetElapsedTime(started);
            if (batch.Count >= _options.BatchSize || remaining <= TimeSpan.Zero) return;

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            wait.CancelAfter(remaining);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) return;
            }
            catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<LedgerEntry> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(batch, _abort.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _written, batch.Count);
                return;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, attempt - 1)));
                LogWriteFailed(_logger, ex, batch.Count, attempt, delay);
                await Task.Delay(delay, _abort.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>An entry to write, or a flush request that completes once everything before it is written.</summary>
    private readonly record struct Item(LedgerEntry? Entry, TaskCompletionSource? Flush);
}

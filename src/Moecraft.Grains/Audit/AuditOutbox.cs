using Microsoft.Extensions.Logging;
using Moecraft.Audit.Verification;

namespace Moecraft.Audit;

/// <summary>
/// Makes "the change took effect" imply "the change is audited" for a grain that stores its state and appends to an
/// audit log: two writes with no transaction between them. The grain adds the record to the <see cref="AuditOutboxState"/>
/// in the same state write as the change (<see cref="Add"/>), then calls <see cref="FlushAsync"/>, which appends the
/// waiting records in order and writes the outbox without them. A silo that dies between the writes leaves the record in
/// the stored state; the next activation sends it (<see cref="ForGrain"/>), and failures are retried every
/// <see cref="RetryEvery"/> until the log has it.
/// <para>
/// Exactly once: every append names its expected sequence, so a delayed or repeated call cannot land at a second place;
/// and a record that may have been sent (a call that failed without saying "not appended", or any record after a
/// reactivation) is first looked for in the log after <see cref="AuditOutboxState.LastSequence"/>, where it must be if it
/// is there at all, and only appended when absent. Records are matched by kind, actor and payload, so a grain's payloads
/// name the grain (its governance id, keeper key, node); two equal records of one grain are told apart by their order.
/// </para>
/// </summary>
public sealed partial class AuditOutbox(
    IAuditLogGrain log,
    Func<AuditOutboxState> read,
    Func<Func<AuditOutboxState, AuditOutboxState>, Task> write,
    ILogger logger,
    string owner,
    Func<Func<Task>, TimeSpan, IDisposable>? scheduleRetries = null)
{
    /// <summary>How often waiting records are retried.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    /// <summary>Expected-sequence appends tried per record and flush before it waits for the next retry (other writers move the head).</summary>
    public const int AppendAttempts = 8;

    // The most entries IAuditLogGrain.Read returns at once.
    private const int ReadPage = 1000;

    // Records added by this instance and never sent: they cannot be in the log, so they are appended without a look.
    private readonly HashSet<AuditRecord> _unsent = new(ReferenceEqualityComparer.Instance);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private IDisposable? _retries;

    // Where the log's head was last seen: the first sequence to try.
    private long _next;

    /// <summary>
    /// The outbox of a grain's changes to the <see cref="AuditLogs.Cluster"/> log, retried by a grain timer while records
    /// wait (which keeps the activation alive); when the stored state already holds some (the previous activation died
    /// before sending them), the first retry runs right after activation. Create it in <c>OnActivateAsync</c>.
    /// </summary>
    public static AuditOutbox ForGrain(
        IGrainBase grain, IGrainFactory grains, Func<AuditOutboxState> read, Func<Func<AuditOutboxState, AuditOutboxState>, Task> write, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var outbox = new AuditOutbox(grains.GetGrain<IAuditLogGrain>(AuditLogs.Cluster), read, write, logger, grain.GrainContext.GrainId.ToString(),
            (flush, due) => grain.RegisterGrainTimer(_ => flush(), new GrainTimerCreationOptions(due, RetryEvery) { KeepAlive = true }));
        if (!read().IsEmpty) outbox.StartRetries(TimeSpan.Zero);
        return outbox;
    }

    /// <summary>True while retries are scheduled (a flush left records waiting).</summary>
    public bool Retrying => _retries is not null;

    /// <summary>
    /// <paramref name="outbox"/> with <paramref name="record"/> waiting: store the result together with the change the
    /// record describes, then call <see cref="FlushAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The log would refuse the record (kind, actor or payload); nothing changed.</exception>
    public AuditOutboxState Add(AuditOutboxState outbox, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(record);
        // Checked here, before the change is stored: a record the log refuses would wait forever and hold up the ones after it.
        AuditChain.ValidateRecord(record.Kind, record.Actor, record.Payload);
        _unsent.Add(record);
        return outbox.With(record);
    }

    /// <summary>
    /// Appends the waiting records, oldest first, and writes the outbox without the ones the log has. Never throws: a
    /// record that cannot be appended now stays waiting (and the ones after it), and retries are scheduled.
    /// </summary>
    /// <returns>True when nothing waits any more.</returns>
    public async Task<bool> FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var retried = Retrying;
            while (read() is { IsEmpty: false } waiting)
            {
                if (await TryDeliverAsync(waiting) is { } error)
                {
                    LogWaiting(logger, error, owner, read().Pending.Length, RetryEvery.TotalSeconds);
                    StartRetries(RetryEvery);
                    return false;
                }
            }
            if (retried) LogCaughtUp(logger, owner);
            _retries?.Dispose();
            _retries = null;
            return true;
        }
        finally
        {
            _flushing.Release();
        }
    }

    // Sends what waits in order and stores the outbox without what was delivered; the error that stopped it, or null.
    private async Task<Exception?> TryDeliverAsync(AuditOutboxState waiting)
    {
        _unsent.IntersectWith(waiting.Pending);
        var (delivered, last) = (0, waiting.LastSequence);
        Exception? error = null;
        try
        {
            foreach (var record in waiting.Pending)
            {
                last = (await DeliverAsync(record, last)).Sequence;
                delivered++;
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        if (delivered == 0) return error;
        try
        {
            // Records added meanwhile come after these: only the delivered head of the list goes.
            await write(outbox => outbox.Delivered(delivered, last));
        }
        catch (Exception e)
        {
            // The log has them; they are no longer unsent, so the next flush finds them there instead of appending them again.
            error ??= e;
        }
        return error;
    }

    private async Task<AuditEntry> DeliverAsync(AuditRecord record, long after)
    {
        var unsent = _unsent.Remove(record);
        var next = Math.Max(_next, after + 1);
        var searched = after;
        for (var attempt = 1; ; attempt++)
        {
            if (!unsent)
            {
                if (await FindAsync(record, searched, next) is { } found)
                {
                    LogFound(logger, owner, record.Kind, found.Sequence);
                    _next = Math.Max(_next, found.Sequence + 1);
                    return found;
                }
                searched = Math.Max(searched, next - 1);
            }
            try
            {
                var entry = await log.Append(record, next);
                _next = entry.Sequence + 1;
                return entry;
            }
            catch (AuditSequenceException e)
            {
                // Nothing was appended (other writers moved the head): the record is exactly as sent or unsent as before.
                _next = next = e.NextSequence;
                if (attempt < AppendAttempts) continue;
                if (unsent) _unsent.Add(record);
                throw;
            }
        }
    }

    /// <summary>The first entry after <paramref name="after"/>, reading up to <paramref name="before"/> at least, that is <paramref name="record"/>.</summary>
    private async Task<AuditEntry?> FindAsync(AuditRecord record, long after, long before)
    {
        for (var from = after + 1; from < before;)
        {
            var page = await log.Read(from, (int)Math.Min(ReadPage, before - from));
            if (page.IsDefaultOrEmpty) return null;
            foreach (var entry in page)
                if (entry.Kind == record.Kind && entry.Actor == record.Actor && entry.Payload == record.Payload) return entry;
            from = page[^1].Sequence + 1;
        }
        return null;
    }

    private void StartRetries(TimeSpan due) => _retries ??= scheduleRetries?.Invoke(FlushAsync, due);
}

using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Audit.Verification;
using Moecraft.Identity;

namespace Moecraft.Audit;

/// <summary>
/// A hash-chained audit log (SPEC 5.4). Thin: the chain's bytes come from <see cref="AuditChain"/>, rows from
/// <see cref="IAuditStore"/>. The cached head is only a hint; the store's unique (log, seq) key decides every append,
/// so two activations of one log (possible briefly in Orleans) cannot both write the same sequence.
/// </summary>
[GrainType("audit-log")]
public sealed partial class AuditLogGrain(
    IAuditStore store,
    INodeSigner signer,
    AuditLogSettings settings,
    TimeProvider time,
    ILogger<AuditLogGrain> logger) : Grain, IAuditLogGrain
{
    private const int MaxReadCount = 1000;
    private const int AppendAttempts = 3;

    private AuditHead? _head;
    private long? _lastCheckpointSize;

    private string LogId => this.GetPrimaryKeyString();

    public async Task<AuditEntry> Append(AuditRecord record, long expectedSequence)
    {
        Validate(record);
        var head = await Head(refresh: false);
        if (expectedSequence != head.NextSequence) head = await Head(refresh: true);
        if (expectedSequence != head.NextSequence) throw Conflict(expectedSequence, head);

        var entry = NewEntry(record, head);
        if (await store.TryAppendAsync(LogId, entry)) return await Appended(entry);
        throw Conflict(expectedSequence, await Head(refresh: true));
    }

    public async Task<AuditEntry> Append(AuditRecord record)
    {
        Validate(record);
        var head = await Head(refresh: false);
        for (var attempt = 1; ; attempt++)
        {
            var entry = NewEntry(record, head);
            if (await store.TryAppendAsync(LogId, entry)) return await Appended(entry);
            head = await Head(refresh: true);
            if (attempt == AppendAttempts) throw Conflict(entry.Sequence, head);
        }
    }

    public async Task<ImmutableArray<AuditEntry>> Read(long fromSequence, int count)
    {
        AuditChain.ValidateLogId(LogId);
        if (fromSequence < 1) throw new ArgumentException($"Audit sequences start at 1; got {fromSequence}.", nameof(fromSequence));
        if (count is < 1 or > MaxReadCount) throw new ArgumentException($"Read 1 to {MaxReadCount} entries at a time; got {count}.", nameof(count));
        return [.. await store.ReadAsync(LogId, fromSequence, count)];
    }

    public async Task<AuditHead> GetHead()
    {
        AuditChain.ValidateLogId(LogId);
        return await Head(refresh: true);
    }

    public async Task<AuditCheckpoint> Checkpoint()
    {
        AuditChain.ValidateLogId(LogId);
        return await SignCheckpoint(await Head(refresh: true));
    }

    public async Task<ImmutableArray<AuditCheckpoint>> GetCheckpoints()
    {
        AuditChain.ValidateLogId(LogId);
        return [.. await store.ReadCheckpointsAsync(LogId)];
    }

    public async Task<AuditExportSeal> SealExport(long size)
    {
        AuditChain.ValidateLogId(LogId);
        IReadOnlyList<AuditEntry> rows = size < 1 ? [] : await store.ReadAsync(LogId, size, 1);
        if (rows.Count == 0 || rows[0].Sequence != size)
        {
            var head = await Head(refresh: true);
            throw new ArgumentException(
                $"Audit log '{LogId}' has {head.Size} entries, so an export cannot end at seq {size}. Nothing was sealed.", nameof(size));
        }
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var body = AuditChain.SealBody(LogId, size, rows[0].Hash, timestamp, signer.NodeId);
        return new AuditExportSeal(LogId, size, rows[0].Hash, timestamp, signer.NodeId, AuditChain.EncodeSignature(signer.Sign(body)));
    }

    private void Validate(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AuditChain.ValidateLogId(LogId);
        AuditChain.ValidateRecord(record.Kind, record.Actor, record.Payload);
    }

    private AuditEntry NewEntry(AuditRecord record, AuditHead head)
    {
        var chained = AuditChain.CreateEntry(head.NextSequence, time.GetUtcNow().ToUnixTimeMilliseconds(), record.Kind, record.Actor, record.Payload, head.HeadHash);
        return new AuditEntry(chained.Sequence, chained.Timestamp, chained.Kind, chained.Actor, chained.Payload, chained.PreviousHash, chained.Hash);
    }

    private async Task<AuditEntry> Appended(AuditEntry entry)
    {
        _head = new AuditHead(LogId, entry.Sequence, entry.Hash);
        // Due once the head is CheckpointEvery past the last checkpoint, so a checkpoint that failed is made up next append.
        _lastCheckpointSize ??= (await store.ReadLastCheckpointAsync(LogId))?.Size ?? 0;
        if (entry.Sequence - _lastCheckpointSize < settings.CheckpointEvery) return entry;
        try
        {
            await SignCheckpoint(_head);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The entry is durable: failing the append now would invite a retry that appends it twice.
            LogCheckpointFailed(logger, ex, LogId, entry.Sequence);
        }
        return entry;
    }

    private async Task<AuditCheckpoint> SignCheckpoint(AuditHead head)
    {
        var existing = await store.ReadLastCheckpointAsync(LogId);
        if (existing is not null && existing.Size >= head.Size)
        {
            _lastCheckpointSize = existing.Size;
            return existing;
        }

        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var body = AuditChain.CheckpointBody(LogId, head.Size, head.HeadHash, timestamp, signer.NodeId);
        var checkpoint = new AuditCheckpoint(LogId, head.Size, head.HeadHash, timestamp, signer.NodeId, AuditChain.EncodeSignature(signer.Sign(body)));
        if (!await store.TryAddCheckpointAsync(checkpoint))
            checkpoint = (await store.ReadCheckpointsAsync(LogId)).First(c => c.Size == head.Size);
        else
            LogCheckpoint(logger, LogId, checkpoint.Size, checkpoint.NodeId);
        _lastCheckpointSize = checkpoint.Size;
        return checkpoint;
    }

    private async Task<AuditHead> Head(bool refresh)
    {
        if (_head is not null && !refresh) return _head;
        var last = await store.ReadLastAsync(LogId);
        _head = last is null ? new AuditHead(LogId, 0, AuditChain.GenesisHash) : new AuditHead(LogId, last.Sequence, last.Hash);
        return _head;
    }

    private AuditSequenceException Conflict(long expected, AuditHead head)
    {
        LogSequenceConflict(logger, LogId, expected, head.NextSequence);
        return new AuditSequenceException(LogId, expected, head.NextSequence);
    }
}

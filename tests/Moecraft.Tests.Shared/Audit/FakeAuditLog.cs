using System.Collections.Immutable;
using Moecraft.Audit;

namespace Moecraft.Tests.Audit;

/// <summary>
/// An <see cref="IAuditLogGrain"/> in memory with the real log's expected-sequence rule, and the failures an outbox has to
/// survive: a call that fails before appending, one whose reply is lost after appending, other writers moving the head.
/// </summary>
internal sealed class FakeAuditLog : IAuditLogGrain
{
    public List<AuditEntry> Entries { get; } = [];

    /// <summary>How the next appends fail, one per call, in order.</summary>
    public Queue<Failure> Failures { get; } = new();

    /// <summary>How many of the next append calls find that another writer appended an entry just before them.</summary>
    public int OvertakenCalls { get; set; }

    public int AppendCalls { get; private set; }

    public enum Failure
    {
        /// <summary>The call fails and nothing is appended (the log's silo died first).</summary>
        BeforeAppend,

        /// <summary>The entry is appended, but the caller only sees a failure (the reply was lost).</summary>
        ReplyLost,
    }

    public IEnumerable<AuditEntry> Of(AuditRecord record) =>
        Entries.Where(e => e.Kind == record.Kind && e.Actor == record.Actor && e.Payload == record.Payload);

    /// <summary>An entry written by another grain.</summary>
    public void AppendOther() => Add(new AuditRecord("other.change", "someone-else", $$"""{"n":{{Entries.Count + 1}}}"""));

    public Task<AuditEntry> Append(AuditRecord record, long expectedSequence)
    {
        AppendCalls++;
        if (OvertakenCalls > 0)
        {
            OvertakenCalls--;
            AppendOther();
        }
        var failure = Failures.TryDequeue(out var next) ? next : (Failure?)null;
        if (failure == Failure.BeforeAppend) throw new TimeoutException("injected: the audit log did not answer");
        if (expectedSequence != Entries.Count + 1) throw new AuditSequenceException("fake", expectedSequence, Entries.Count + 1);
        var entry = Add(record);
        if (failure == Failure.ReplyLost) throw new TimeoutException("injected: the reply was lost");
        return Task.FromResult(entry);
    }

    public Task<AuditEntry> Append(AuditRecord record) => throw new InvalidOperationException("An outbox appends at an expected sequence only.");

    public Task<ImmutableArray<AuditEntry>> Read(long fromSequence, int count)
    {
        if (fromSequence < 1 || count is < 1 or > 1000) throw new ArgumentException($"Read({fromSequence}, {count}) is out of range.");
        return Task.FromResult(Entries.Skip((int)fromSequence - 1).Take(count).ToImmutableArray());
    }

    public Task<AuditHead> GetHead() => Task.FromResult(new AuditHead("fake", Entries.Count, Entries.Count == 0 ? "" : Entries[^1].Hash));

    public Task<AuditCheckpoint> Checkpoint() => throw new NotSupportedException();

    public Task<ImmutableArray<AuditCheckpoint>> GetCheckpoints() => Task.FromResult(ImmutableArray<AuditCheckpoint>.Empty);

    public Task<AuditExportSeal> SealExport(long size) => throw new NotSupportedException();

    private AuditEntry Add(AuditRecord record)
    {
        var sequence = Entries.Count + 1;
        var entry = new AuditEntry(sequence, sequence, record.Kind, record.Actor, record.Payload, $"prev-{sequence}", $"hash-{sequence}");
        Entries.Add(entry);
        return entry;
    }
}

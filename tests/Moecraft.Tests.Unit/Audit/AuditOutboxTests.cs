using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Audit;

namespace Moecraft.Tests.Audit;

/// <summary>
/// <see cref="AuditOutbox"/>: a record stored with its change reaches the log exactly once, whatever fails between the
/// state write and the append (the owner's "stored state" here is a field; a new outbox over it is a reactivation).
/// </summary>
public sealed class AuditOutboxTests
{
    private readonly FakeAuditLog _log = new();
    private readonly Owner _owner = new();

    private static AuditRecord Halt(int revision) =>
        new("governance.halt", "operator:alice", $$"""{"governance":"g1","revision":{{revision}}}""");

    private static AuditRecord Tier(string from, string to) =>
        new("federation.tier", "operator:bob", $$"""{"from":"{{from}}","node":"n1","to":"{{to}}"}""");

    [Fact]
    public async Task A_stored_change_is_appended_once_and_leaves_the_outbox()
    {
        var outbox = _owner.Outbox(_log);
        _log.AppendOther();

        Assert.True(await _owner.ChangeAsync(outbox, Halt(1)));

        Assert.Single(_log.Of(Halt(1)));
        Assert.True(_owner.Stored.IsEmpty);
        Assert.Equal(2, _owner.Stored.LastSequence);
        Assert.Empty(_owner.Scheduled);
    }

    [Fact]
    public async Task An_entry_the_log_could_not_take_waits_and_a_retry_appends_it_once()
    {
        var outbox = await ChangeThatFailsAsync(FakeAuditLog.Failure.BeforeAppend, Halt(1));
        Assert.Empty(_log.Entries);
        Assert.Equal<AuditRecord>([Halt(1)], _owner.Stored.Pending);
        Assert.Equal([AuditOutbox.RetryEvery], _owner.Scheduled);
        Assert.True(outbox.Retrying);

        await _owner.Retry!();

        Assert.Single(_log.Of(Halt(1)));
        Assert.True(_owner.Stored.IsEmpty);
        Assert.True(_owner.RetriesStopped);
        Assert.False(outbox.Retrying);
    }

    [Fact]
    public async Task An_entry_appended_whose_reply_was_lost_is_not_appended_again()
    {
        var outbox = await ChangeThatFailsAsync(FakeAuditLog.Failure.ReplyLost, Halt(1));
        Assert.Single(_log.Of(Halt(1)));
        _log.AppendOther();

        Assert.True(await outbox.FlushAsync());

        Assert.Single(_log.Of(Halt(1)));
        Assert.Equal(2, _log.Entries.Count);
        Assert.True(_owner.Stored.IsEmpty);
        Assert.Equal(1, _owner.Stored.LastSequence);
    }

    [Fact]
    public async Task A_reactivated_outbox_appends_what_is_missing_and_nothing_the_log_already_has()
    {
        // The previous activation stored two changes, got the first into the log and died before writing that down.
        _owner.Stored = AuditOutboxState.Empty.With(Halt(1)).With(Halt(2));
        _log.AppendOther();
        _log.Entries.Add(new AuditEntry(2, 2, Halt(1).Kind, Halt(1).Actor, Halt(1).Payload, "prev-2", "hash-2"));
        _log.AppendOther();

        Assert.True(await _owner.Outbox(_log).FlushAsync());

        Assert.Equal([2L], _log.Of(Halt(1)).Select(e => e.Sequence));
        Assert.Equal([4L], _log.Of(Halt(2)).Select(e => e.Sequence));
        Assert.True(_owner.Stored.IsEmpty);
        Assert.Equal(4, _owner.Stored.LastSequence);
    }

    [Fact]
    public async Task Equal_records_waiting_together_are_each_appended_once_in_order()
    {
        // UNKNOWN -> CORE, back, and CORE again: the first and last records are equal; the first reached the log.
        _owner.Stored = AuditOutboxState.Empty.With(Tier("UNKNOWN", "CORE")).With(Tier("CORE", "UNKNOWN")).With(Tier("UNKNOWN", "CORE"));
        _log.Failures.Enqueue(FakeAuditLog.Failure.ReplyLost);
        var first = _owner.Outbox(_log);
        Assert.False(await first.FlushAsync());
        Assert.Single(_log.Entries);

        Assert.True(await _owner.Outbox(_log).FlushAsync());

        Assert.Equal(["UNKNOWN->CORE", "CORE->UNKNOWN", "UNKNOWN->CORE"], _log.Entries.Select(e => e.Payload.Contains("\"from\":\"CORE\"") ? "CORE->UNKNOWN" : "UNKNOWN->CORE"));
        Assert.True(_owner.Stored.IsEmpty);
    }

    [Fact]
    public async Task An_equal_entry_delivered_before_does_not_count_for_a_new_record()
    {
        var outbox = _owner.Outbox(_log);
        Assert.True(await _owner.ChangeAsync(outbox, Tier("UNKNOWN", "CORE")));
        // The same change again later, stored; the grain dies before sending it.
        _owner.Stored = _owner.Stored.With(Tier("UNKNOWN", "CORE"));

        Assert.True(await _owner.Outbox(_log).FlushAsync());

        Assert.Equal([1L, 2L], _log.Of(Tier("UNKNOWN", "CORE")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Other_writers_moving_the_head_neither_lose_nor_duplicate_the_entry()
    {
        var outbox = _owner.Outbox(_log);
        _log.OvertakenCalls = 2;

        Assert.True(await _owner.ChangeAsync(outbox, Halt(1)));
        _log.Failures.Enqueue(FakeAuditLog.Failure.ReplyLost);
        Assert.False(await _owner.ChangeAsync(outbox, Halt(2)));
        _log.AppendOther();
        _log.AppendOther();
        Assert.True(await outbox.FlushAsync());

        Assert.Equal([3L], _log.Of(Halt(1)).Select(e => e.Sequence));
        Assert.Equal([4L], _log.Of(Halt(2)).Select(e => e.Sequence));
        Assert.Equal(6, _log.Entries.Count);
        Assert.True(_owner.Stored.IsEmpty);
        Assert.Equal(4, _owner.Stored.LastSequence);
    }

    [Fact]
    public async Task A_log_that_keeps_moving_leaves_the_entry_waiting_for_the_next_retry()
    {
        var outbox = _owner.Outbox(_log);
        _log.OvertakenCalls = int.MaxValue;
        _owner.Stored = outbox.Add(_owner.Stored, Halt(1));
        // Every attempt finds the head moved: the flush gives up after AppendAttempts, appending nothing.
        Assert.False(await outbox.FlushAsync());
        Assert.Equal(AuditOutbox.AppendAttempts, _log.AppendCalls);
        Assert.Empty(_log.Of(Halt(1)));

        _log.OvertakenCalls = 0;
        await _owner.Retry!();

        Assert.Single(_log.Of(Halt(1)));
        Assert.True(_owner.Stored.IsEmpty);
    }

    [Fact]
    public async Task Entries_reach_the_log_in_the_order_their_changes_were_stored()
    {
        var outbox = await ChangeThatFailsAsync(FakeAuditLog.Failure.BeforeAppend, Halt(1));

        Assert.True(await _owner.ChangeAsync(outbox, Halt(2)));

        Assert.Equal([Halt(1).Payload, Halt(2).Payload], _log.Entries.Select(e => e.Payload));
    }

    [Fact]
    public async Task A_failed_state_write_after_delivery_keeps_the_entry_waiting_without_appending_it_twice()
    {
        var outbox = _owner.Outbox(_log);
        _owner.FailingWrites = 1;

        Assert.False(await _owner.ChangeAsync(outbox, Halt(1)));
        Assert.Single(_log.Of(Halt(1)));
        Assert.Equal<AuditRecord>([Halt(1)], _owner.Stored.Pending);

        Assert.True(await outbox.FlushAsync());
        Assert.Single(_log.Of(Halt(1)));
        Assert.True(_owner.Stored.IsEmpty);
    }

    [Fact]
    public void A_record_the_log_would_refuse_is_refused_before_anything_is_stored()
    {
        var outbox = _owner.Outbox(_log);

        Assert.Throws<ArgumentException>(() => outbox.Add(_owner.Stored, new AuditRecord("governance halt", "operator:alice", "{}")));
        Assert.Throws<ArgumentException>(() => outbox.Add(_owner.Stored, new AuditRecord("governance.halt", "operator:alice", "{ \"a\": 1 }")));
        Assert.True(_owner.Stored.IsEmpty);
    }

    [Fact]
    public async Task An_empty_outbox_calls_nothing()
    {
        Assert.True(await _owner.Outbox(_log).FlushAsync());

        Assert.Equal(0, _log.AppendCalls);
        Assert.Equal(0, _owner.Writes);
    }

    /// <summary>A change stored by a new outbox whose append fails as <paramref name="failure"/> says.</summary>
    private async Task<AuditOutbox> ChangeThatFailsAsync(FakeAuditLog.Failure failure, AuditRecord record)
    {
        var outbox = _owner.Outbox(_log);
        _log.Failures.Enqueue(failure);
        Assert.False(await _owner.ChangeAsync(outbox, record));
        return outbox;
    }

    /// <summary>A grain's stored state (its outbox part), its state writes and its retry timer.</summary>
    private sealed class Owner
    {
        public AuditOutboxState Stored { get; set; } = AuditOutboxState.Empty;

        public int FailingWrites { get; set; }

        public int Writes { get; private set; }

        public List<TimeSpan> Scheduled { get; } = [];

        public Func<Task>? Retry { get; private set; }

        public bool RetriesStopped { get; private set; }

        public AuditOutbox Outbox(FakeAuditLog log) => new(log, () => Stored, WriteAsync, NullLogger.Instance, "test-owner", Schedule);

        /// <summary>What a grain does: stores the change with its record, then flushes.</summary>
        public Task<bool> ChangeAsync(AuditOutbox outbox, AuditRecord record)
        {
            Stored = outbox.Add(Stored, record);
            return outbox.FlushAsync();
        }

        private Task WriteAsync(Func<AuditOutboxState, AuditOutboxState> update)
        {
            Writes++;
            if (FailingWrites > 0)
            {
                FailingWrites--;
                throw new IOException("injected: the grain's storage did not answer");
            }
            Stored = update(Stored);
            return Task.CompletedTask;
        }

        private IDisposable Schedule(Func<Task> flush, TimeSpan due)
        {
            Scheduled.Add(due);
            Retry = flush;
            return new Stop(this);
        }

        private sealed class Stop(Owner owner) : IDisposable
        {
            public void Dispose() => owner.RetriesStopped = true;
        }
    }
}

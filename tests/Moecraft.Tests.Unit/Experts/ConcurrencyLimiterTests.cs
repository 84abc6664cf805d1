using Microsoft.Extensions.Time.Testing;
using Moecraft.Experts.Calls;

namespace Moecraft.Tests.Experts;

/// <summary>The expert's bulkhead: slots up to the limit, a first-come queue, the queue timeout and a limit that changes.</summary>
public sealed class ConcurrencyLimiterTests
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Calls_up_to_the_limit_enter_at_once_and_the_rest_wait()
    {
        var limiter = new ConcurrencyLimiter(2, _time);

        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        var third = limiter.TryEnterAsync(QueueTimeout);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, limiter.InFlight);
        Assert.Equal(1, limiter.Queued);
        limiter.Exit();
        Assert.True(await third);
        Assert.Equal(2, limiter.InFlight);
        Assert.Equal(0, limiter.Queued);
    }

    [Fact]
    public async Task Freed_slots_go_to_waiting_calls_first_come_first_served_and_nobody_overtakes_them()
    {
        var limiter = new ConcurrencyLimiter(1, _time);
        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        var first = limiter.TryEnterAsync(QueueTimeout);
        var second = limiter.TryEnterAsync(QueueTimeout);

        limiter.Exit();
        Assert.True(await first);
        Assert.False(second.IsCompleted);
        limiter.Exit();
        Assert.True(await second);
        // A newcomer finds the slot taken by the queue, not free.
        Assert.False(limiter.TryEnterAsync(QueueTimeout).IsCompleted);
    }

    [Fact]
    public async Task A_call_that_finds_no_slot_within_its_queue_timeout_is_turned_away_and_leaves_the_queue()
    {
        var limiter = new ConcurrencyLimiter(1, _time);
        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        var waiting = limiter.TryEnterAsync(QueueTimeout);

        _time.Advance(QueueTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await waiting);
        Assert.Equal(0, limiter.Queued);
        limiter.Exit();
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task A_waiting_call_whose_caller_cancels_leaves_the_queue_with_the_cancellation()
    {
        var limiter = new ConcurrencyLimiter(1, _time);
        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.TryEnterAsync(QueueTimeout, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, limiter.Queued);
    }

    [Fact]
    public async Task Lowering_the_limit_keeps_running_calls_and_admits_new_ones_only_below_the_new_limit()
    {
        var limiter = new ConcurrencyLimiter(3, _time);
        for (var i = 0; i < 3; i++) Assert.True(await limiter.TryEnterAsync(QueueTimeout));

        limiter.Limit = 1;
        var waiting = limiter.TryEnterAsync(QueueTimeout);
        limiter.Exit();
        Assert.False(waiting.IsCompleted);
        limiter.Exit();
        Assert.False(waiting.IsCompleted);
        limiter.Exit();

        Assert.True(await waiting);
        Assert.Equal(1, limiter.InFlight);
    }

    [Fact]
    public async Task Raising_the_limit_admits_waiting_calls_at_once()
    {
        var limiter = new ConcurrencyLimiter(1, _time);
        Assert.True(await limiter.TryEnterAsync(QueueTimeout));
        var waiting = new[] { limiter.TryEnterAsync(QueueTimeout), limiter.TryEnterAsync(QueueTimeout) };

        limiter.Limit = 3;

        var admitted = await Task.WhenAll(waiting);
        Assert.All(admitted, Assert.True);
        Assert.Equal(3, limiter.InFlight);
    }

    [Fact]
    public async Task Many_threads_entering_and_leaving_never_hold_more_slots_than_the_limit()
    {
        var limiter = new ConcurrencyLimiter(4);
        var inside = 0;
        var peak = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            Assert.True(await limiter.TryEnterAsync(TimeSpan.FromSeconds(30)));
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref peak, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
            limiter.Exit();
        })));

        Assert.Equal(4, peak);
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public void A_limit_below_one_and_an_exit_without_an_enter_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcurrencyLimiter(0));
        var limiter = new ConcurrencyLimiter(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.Limit = 0);
        Assert.Throws<InvalidOperationException>(limiter.Exit);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }
}

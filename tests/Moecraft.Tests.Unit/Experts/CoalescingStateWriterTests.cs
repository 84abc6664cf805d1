namespace Moecraft.Tests.Experts;

/// <summary>One writer for interleaving grain turns: writes never overlap, and changes made during a write share the next.</summary>
public sealed class CoalescingStateWriterTests
{
    [Fact]
    public async Task Writes_never_overlap_and_changes_made_during_a_write_share_the_next_one()
    {
        var store = new GatedStore();
        var writer = new CoalescingStateWriter(store.WriteAsync);

        store.Value = 1;
        var first = writer.WriteAsync();
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        // Three changes while the first write is in flight: none may start a second, overlapping write.
        var during = Enumerable.Range(2, 3).Select(v =>
        {
            store.Value = v;
            return writer.WriteAsync();
        }).ToArray();
        Assert.False(first.IsCompleted);
        store.Release();
        await first;
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        store.Release();
        await Task.WhenAll(during);
        await writer.IdleAsync();

        Assert.Equal([1, 4], store.Stored);
        Assert.Equal(2, writer.Writes);
        Assert.Equal(1, store.PeakConcurrentWrites);
    }

    [Fact]
    public async Task A_caller_is_answered_by_a_write_that_started_after_its_change()
    {
        var store = new GatedStore();
        var writer = new CoalescingStateWriter(store.WriteAsync);
        store.Value = 1;
        var first = writer.WriteAsync();
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));

        store.Value = 2;
        var second = writer.WriteAsync();
        store.Release();
        await first;

        // The write in flight when the change was made does not count for it.
        Assert.False(second.IsCompleted);
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        store.Release();
        await second;
        Assert.Equal(2, store.Stored[^1]);
    }

    [Fact]
    public async Task A_failed_write_fails_the_callers_it_covered_and_the_next_write_carries_their_changes()
    {
        var attempts = 0;
        var stored = new List<int>();
        var value = 0;
        var writer = new CoalescingStateWriter(() =>
        {
            if (++attempts == 1) throw new InvalidOperationException("storage is down");
            stored.Add(value);
            return Task.CompletedTask;
        });

        value = 1;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(writer.WriteAsync);
        value = 2;
        await writer.WriteAsync();

        Assert.Equal("storage is down", error.Message);
        Assert.Equal([2], stored);
    }

    [Fact]
    public async Task Many_concurrent_callers_all_complete_with_far_fewer_writes_and_none_overlapping()
    {
        var inside = 0;
        var overlapped = false;
        var writer = new CoalescingStateWriter(async () =>
        {
            if (Interlocked.Increment(ref inside) > 1) overlapped = true;
            await Task.Delay(10);
            Interlocked.Decrement(ref inside);
        });

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(writer.WriteAsync)));
        await writer.IdleAsync();

        Assert.False(overlapped);
        Assert.InRange(writer.Writes, 1, 199);
    }

    /// <summary>A store whose writes wait until the test releases them, one at a time.</summary>
    private sealed class GatedStore
    {
        private readonly SemaphoreSlim _started = new(0);
        private readonly SemaphoreSlim _release = new(0);
        private int _inside;

        public int Value { get; set; }

        public List<int> Stored { get; } = [];

        public int PeakConcurrentWrites { get; private set; }

        public Task WriteStarted => _started.WaitAsync();

        public void Release() => _release.Release();

        public async Task WriteAsync()
        {
            PeakConcurrentWrites = Math.Max(PeakConcurrentWrites, Interlocked.Increment(ref _inside));
            var snapshot = Value;
            _started.Release();
            await _release.WaitAsync();
            Stored.Add(snapshot);
            Interlocked.Decrement(ref _inside);
        }
    }
}

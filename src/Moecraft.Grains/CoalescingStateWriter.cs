namespace Moecraft;

/// <summary>
/// One writer for a grain whose turns interleave: at most one write is in flight (two overlapping writes of one
/// <see cref="IPersistentState{TState}"/> conflict on its etag), and changes made while a write runs share the next one.
/// A caller changes the state in memory, then awaits <see cref="WriteAsync"/>, which completes with the first write
/// that started after the call (so it contains the change) and fails with that write's error.
/// </summary>
/// <remarks>
/// Started from grain code, the loop's continuations, and so every write, run in the grain's context. A failed write
/// leaves the changes in memory; the next write carries them. The lock only matters off a grain (unit tests).
/// </remarks>
public sealed class CoalescingStateWriter(Func<Task> write)
{
    private readonly Func<Task> _write = write ?? throw new ArgumentNullException(nameof(write));
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;
    private Task _loop = Task.CompletedTask;
    private bool _running;
    private int _writes;

    /// <summary>Writes done so far (successful or not); a test's view of the coalescing.</summary>
    public int Writes
    {
        get { lock (_lock) return _writes; }
    }

    /// <summary>Completes when a write that started after this call has stored the state.</summary>
    public Task WriteAsync()
    {
        lock (_lock)
        {
            // Continuations run asynchronously: a caller resumed by a finished write must not run inside the write loop.
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var covering = _next.Task;
            if (!_running)
            {
                _running = true;
                _loop = LoopAsync();
            }
            return covering;
        }
    }

    /// <summary>Completes when no write is in flight or pending (deactivation waits for it).</summary>
    public Task IdleAsync()
    {
        lock (_lock) return _loop;
    }

    private async Task LoopAsync()
    {
        // Yield first, so the caller that started the loop (and any in the same turn) has its change in memory.
        await Task.Yield();
        while (true)
        {
            TaskCompletionSource batch;
            lock (_lock)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }
                batch = _next;
                _next = null;
                _writes++;
            }
            try
            {
                await _write();
                batch.SetResult();
            }
            catch (Exception ex)
            {
                batch.SetException(ex);
            }
        }
    }
}

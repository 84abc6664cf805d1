namespace Moecraft.Experts.Calls;

/// <summary>
/// An expert's bulkhead: at most <see cref="Limit"/> calls hold a slot at once; the rest wait first come, first
/// served, each for at most its queue timeout. The limit can change while calls run (a re-registered definition):
/// calls already holding a slot keep it, and a lower limit only admits new calls once enough of them have left.
/// </summary>
/// <remarks>Thread-safe; timeouts fire on timer threads, so every field is read and written under one lock.</remarks>
public sealed class ConcurrencyLimiter
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new();
    private readonly TimeProvider _time;
    private int _limit;
    private int _inFlight;

    public ConcurrencyLimiter(int limit, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Most slots held at once; raising it admits waiting calls at once.</summary>
    public int Limit
    {
        get { lock (_lock) return _limit; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_lock)
            {
                _limit = value;
                AdmitWaiters();
            }
        }
    }

    /// <summary>Slots held now.</summary>
    public int InFlight
    {
        get { lock (_lock) return _inFlight; }
    }

    /// <summary>Calls waiting for a slot now.</summary>
    public int Queued
    {
        get { lock (_lock) return _waiters.Count; }
    }

    /// <summary>
    /// Takes a slot, waiting at most <paramref name="queueTimeout"/> for one; false when none freed in time.
    /// A true result must be paired with one <see cref="Exit"/>.
    /// </summary>
    public async Task<bool> TryEnterAsync(TimeSpan queueTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(queueTimeout, TimeSpan.Zero);
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_lock)
        {
            // Nobody overtakes a waiting call: a free slot goes to the queue first.
            if (_inFlight < _limit && _waiters.Count == 0)
            {
                _inFlight++;
                return true;
            }
            // Asynchronous continuations: a waiter admitted by Exit must not run its call inside the caller's Exit.
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        using var timeout = new CancellationTokenSource(queueTimeout, _time);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var registration = giveUp.Token.Register(() => Abandon(node));
        var admitted = await waiter.Task;
        if (!admitted) cancellationToken.ThrowIfCancellationRequested();
        return admitted;
    }

    /// <summary>Gives a slot back; the longest-waiting call takes it when the limit allows.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            if (_inFlight == 0) throw new InvalidOperationException("Exit without a matching successful enter.");
            _inFlight--;
            AdmitWaiters();
        }
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<bool>> node)
    {
        lock (_lock)
        {
            // Already admitted (node left the list): the slot is the caller's, and its result is already true.
            if (node.List is null) return;
            _waiters.Remove(node);
        }
        node.Value.TrySetResult(false);
    }

    // Call with the lock held.
    private void AdmitWaiters()
    {
        while (_inFlight < _limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _inFlight++;
            first.Value.TrySetResult(true);
        }
    }
}

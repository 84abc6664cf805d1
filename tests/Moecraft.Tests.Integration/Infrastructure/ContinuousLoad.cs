using System.Diagnostics;

namespace Moecraft.Tests.Infrastructure;

/// <summary>
/// Callers that send requests back to back, each starting its next request when its last one ended (after a short pause
/// when it failed), and a record of when each request completed or failed. How long the load went without a single
/// completion after an event (a kill) is the failover gap a chaos test asserts and reports.
/// </summary>
public sealed class ContinuousLoad : IAsyncDisposable
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(50);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimeSpan> _completions = [];
    private readonly List<(TimeSpan At, string What)> _failures = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _callers;
    private int _stopped;

    private ContinuousLoad(int callers, Func<LoadRequest, CancellationToken, Task> send) =>
        _callers = [.. Enumerable.Range(0, callers).Select(caller => Task.Run(() => RunCallerAsync(caller, send)))];

    /// <summary>Time since the load started: the clock every other member reads.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public int Completed
    {
        get { lock (_completions) return _completions.Count; }
    }

    public int Failed
    {
        get { lock (_failures) return _failures.Count; }
    }

    /// <summary>Starts <paramref name="callers"/> callers, each sending with <paramref name="send"/> until the load stops.</summary>
    public static ContinuousLoad Start(int callers, Func<LoadRequest, CancellationToken, Task> send)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callers);
        ArgumentNullException.ThrowIfNull(send);
        return new ContinuousLoad(callers, send);
    }

    /// <summary>Waits until <paramref name="count"/> more requests have completed than when it was called.</summary>
    public async Task WaitForMoreCompletionsAsync(int count, TimeSpan timeout)
    {
        var target = Completed + count;
        var deadline = Now + timeout;
        while (Completed < target)
        {
            if (Now > deadline)
                throw new TimeoutException($"Only {Completed - target + count} of {count} requests completed within {timeout.TotalSeconds:0} s; failures: {DescribeFailures(TimeSpan.Zero)}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the load's clock reads <paramref name="at"/>.</summary>
    public Task WaitUntilAsync(TimeSpan at)
    {
        var wait = at - Now;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    /// <summary>
    /// The completions from <paramref name="since"/> to now: when the first came, and the longest stretch without one (the
    /// first stretch starts at <paramref name="since"/>, so a load that never recovered reports all the time since).
    /// </summary>
    public CompletionGap GapSince(TimeSpan since)
    {
        var now = Now;
        TimeSpan[] completions;
        lock (_completions) completions = [.. _completions.Where(c => c >= since)];
        Array.Sort(completions);
        var previous = since;
        var longest = TimeSpan.Zero;
        foreach (var completion in completions.Append(now))
        {
            if (completion - previous > longest) longest = completion - previous;
            previous = completion;
        }
        int failures;
        lock (_failures) failures = _failures.Count(f => f.At >= since);
        return new CompletionGap(since, completions.Length > 0 ? completions[0] - since : null, longest, completions.Length, failures, now - since);
    }

    /// <summary>
    /// Runs <paramref name="disruption"/> (a kill, say), lets the load go on until <paramref name="observation"/> after it
    /// began, and returns the completions since it began.
    /// </summary>
    public async Task<CompletionGap> MeasureAsync(Func<Task> disruption, TimeSpan observation)
    {
        ArgumentNullException.ThrowIfNull(disruption);
        var at = Now;
        await disruption();
        await WaitUntilAsync(at + observation);
        return GapSince(at);
    }

    /// <summary>
    /// Completions and failures per <paramref name="slice"/> from <paramref name="since"/>, as "completed/failed" pairs: where
    /// a gap came from (failing fast, or waiting).
    /// </summary>
    public string Timeline(TimeSpan since, TimeSpan slice, int slices)
    {
        TimeSpan[] completions;
        TimeSpan[] failures;
        lock (_completions) completions = [.. _completions];
        lock (_failures) failures = [.. _failures.Select(f => f.At)];
        return string.Join(" ", Enumerable.Range(0, slices).Select(i =>
        {
            var from = since + slice * i;
            var to = from + slice;
            return $"{completions.Count(c => c >= from && c < to)}/{failures.Count(f => f >= from && f < to)}";
        }));
    }

    /// <summary>The failures from <paramref name="since"/> (until <paramref name="until"/>, or now) by exception type, most frequent first ("none" without any).</summary>
    public string DescribeFailures(TimeSpan since, TimeSpan? until = null)
    {
        var end = until ?? TimeSpan.MaxValue;
        lock (_failures)
        {
            var kinds = _failures.Where(f => f.At >= since && f.At < end).GroupBy(f => f.What).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} x {g.Key}").ToList();
            return kinds.Count == 0 ? "none" : string.Join("; ", kinds);
        }
    }

    /// <summary>Stops the callers and waits for the requests in flight to end (again: nothing more).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
    }

    private async Task RunCallerAsync(int caller, Func<LoadRequest, CancellationToken, Task> send)
    {
        for (long sequence = 0; !_stop.IsCancellationRequested; sequence++)
        {
            try
            {
                await send(new LoadRequest(caller, sequence), _stop.Token);
                lock (_completions) _completions.Add(Now);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                lock (_failures) _failures.Add((Now, ex.GetType().Name));
                try
                {
                    await Task.Delay(PauseAfterFailure, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

/// <summary>Which caller sends, and its how-manieth request this is (together a unique request).</summary>
public readonly record struct LoadRequest(int Caller, long Sequence);

/// <summary>Completions over a stretch of a <see cref="ContinuousLoad"/>, measured from an event such as a kill.</summary>
/// <param name="At">When the event happened, on the load's clock (<see cref="ContinuousLoad.Now"/>).</param>
/// <param name="FirstCompletion">From the event to the first completion; null when none came.</param>
/// <param name="Longest">The longest stretch without a completion, the first starting at the event.</param>
/// <param name="Completions">Requests completed since the event.</param>
/// <param name="Failures">Requests failed since the event.</param>
/// <param name="Observed">How long after the event this was measured.</param>
public sealed record CompletionGap(TimeSpan At, TimeSpan? FirstCompletion, TimeSpan Longest, int Completions, int Failures, TimeSpan Observed)
{
    public override string ToString() =>
        $"longest gap without a completion {Longest.TotalSeconds:0.00} s, first completion after {(FirstCompletion is { } first ? $"{first.TotalSeconds:0.00} s" : "never")}, " +
        $"{Completions} completed and {Failures} failed in {Observed.TotalSeconds:0.0} s";
}

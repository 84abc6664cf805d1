namespace Moecraft.Kernel;

/// <summary>
/// A keeper's write budget (SPEC 5.2): a bucket of <see cref="Capacity"/> tokens, full at first, refilled evenly at
/// <c>Capacity / RefillTicks</c> tokens per tick of the keeper's clock (not wall time, so a busy router earns writes
/// faster than an idle one). Ticks that go back refill nothing.
/// </summary>
public sealed class TickBucket
{
    // Absorbs floating-point dust from the refill (0.9 + 0.1 may land just under 1).
    private const double Tolerance = 1e-9;

    public TickBucket(int capacity, long refillTicks, double tokens, long updatedTick)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(refillTicks, 1);
        if (!double.IsFinite(tokens) || tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "Tokens must be finite and not negative.");
        Capacity = capacity;
        RefillTicks = refillTicks;
        // A smaller capacity (a policy change) caps what was saved under the larger one.
        Tokens = Math.Min(capacity, tokens);
        UpdatedTick = updatedTick;
    }

    public int Capacity { get; }

    public long RefillTicks { get; }

    /// <summary>Tokens as of <see cref="UpdatedTick"/>.</summary>
    public double Tokens { get; private set; }

    public long UpdatedTick { get; private set; }

    /// <summary>A full bucket at <paramref name="tick"/>.</summary>
    public static TickBucket Full(int capacity, long refillTicks, long tick) => new(capacity, refillTicks, capacity, tick);

    /// <summary>Tokens available at <paramref name="tick"/>, without taking any.</summary>
    public double AvailableAt(long tick) =>
        tick <= UpdatedTick ? Tokens : Math.Min(Capacity, Tokens + (double)(tick - UpdatedTick) * Capacity / RefillTicks);

    /// <summary>Takes one token at <paramref name="tick"/>, or returns false (changing nothing) with the ticks until one is available.</summary>
    public bool TryTake(long tick, out long ticksUntilToken)
    {
        var available = AvailableAt(tick);
        if (available >= 1 - Tolerance)
        {
            Tokens = Math.Max(0, available - 1);
            UpdatedTick = Math.Max(tick, UpdatedTick);
            ticksUntilToken = 0;
            return true;
        }
        ticksUntilToken = (long)Math.Ceiling((1 - available) * RefillTicks / Capacity - Tolerance);
        return false;
    }
}

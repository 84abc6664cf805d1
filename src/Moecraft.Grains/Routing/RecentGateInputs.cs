namespace Moecraft.Routing;

/// <summary>
/// The feature vectors of a router's most recent gate calls, bounded and in memory: the traffic an LLM router's ablation
/// tests are measured on (<see cref="PredictedAblation"/>). Lost with the activation, refilled by the next calls. Not
/// thread-safe: one grain owns it.
/// </summary>
public sealed class RecentGateInputs(int capacity)
{
    private readonly float[][] _entries = new float[ValidCapacity(capacity)][];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Record(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _entries[_next] = features;
        _next = (_next + 1) % _entries.Length;
        _count = Math.Min(_count + 1, _entries.Length);
    }

    /// <summary>The recorded vectors of <paramref name="width"/> values (a roster or embedder change leaves others behind).</summary>
    public IReadOnlyCollection<float[]> OfWidth(int width) => [.. _entries.Take(_count).Where(e => e.Length == width)];

    private static int ValidCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return capacity;
    }
}

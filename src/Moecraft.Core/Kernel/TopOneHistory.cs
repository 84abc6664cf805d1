namespace Moecraft.Kernel;

/// <summary>
/// The most recent gate calls of a router (input and top-1 expert), bounded: the evidence of a reflex's first gate,
/// a stable top-1 in a region (SPEC 5.3). Not thread-safe: one grain owns it.
/// </summary>
public sealed class TopOneHistory
{
    private readonly (float[] Input, string Expert)[] _entries;
    private int _next;
    private int _count;

    public TopOneHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new (float[], string)[capacity];
    }

    public int Count => _count;

    public void Record(ReadOnlySpan<float> input, string expert)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expert);
        _entries[_next] = (input.ToArray(), expert);
        _next = (_next + 1) % _entries.Length;
        _count = Math.Min(_count + 1, _entries.Length);
    }

    /// <summary>
    /// How many of the most recent calls inside the region, counted back from the newest until one had another top-1,
    /// had <paramref name="expert"/> as top-1. Calls outside the region are skipped; inputs of another width never match.
    /// </summary>
    public int StableTopOne(ReadOnlySpan<float> centroid, double radius, string expert)
    {
        var stable = 0;
        for (var i = 1; i <= _count; i++)
        {
            var (input, top) = _entries[(_next - i + _entries.Length) % _entries.Length];
            if (input.Length != centroid.Length || !ScarRegion.Contains(centroid, radius, input)) continue;
            if (!string.Equals(top, expert, StringComparison.Ordinal)) break;
            stable++;
        }
        return stable;
    }
}

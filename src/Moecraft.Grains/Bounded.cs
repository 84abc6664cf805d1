namespace Moecraft;

/// <summary>Lists that keep only their newest items.</summary>
public static class Bounded
{
    /// <summary>Appends <paramref name="item"/> and removes the oldest items beyond <paramref name="kept"/>.</summary>
    public static void Append<T>(List<T> items, T item, int kept)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kept, 1);
        items.Add(item);
        if (items.Count > kept) items.RemoveRange(0, items.Count - kept);
    }
}

namespace Moecraft;

/// <summary>A directory grain's persisted, ordinally sorted list of ids (routers, tenants): add once, write, undo a failed write.</summary>
public static class SortedIds
{
    /// <summary>
    /// Inserts <paramref name="id"/> in order and awaits <paramref name="write"/>; an id already listed writes nothing. When the
    /// write fails the list is as before, so the activation stays equal to what is stored and the caller may add again.
    /// </summary>
    public static async Task AddAsync(List<string> ids, string id, Func<Task> write)
    {
        var at = ids.BinarySearch(id, StringComparer.Ordinal);
        if (at >= 0) return;
        ids.Insert(~at, id);
        try
        {
            await write();
        }
        catch
        {
            ids.Remove(id);
            throw;
        }
    }
}

namespace Moecraft;

/// <summary>Writing a grain's next state as a whole: the activation keeps the old state unless the write succeeded.</summary>
public static class PersistentStateWrites
{
    /// <summary>Makes <paramref name="next"/> the state and writes it; on failure the previous state is back and the error propagates.</summary>
    public static async Task WriteNextAsync<T>(this IPersistentState<T> state, T next)
    {
        ArgumentNullException.ThrowIfNull(state);
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}

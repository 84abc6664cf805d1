using Orleans.Runtime;
using Orleans.Storage;

namespace Moecraft.Hosting;

/// <summary>
/// Refuses to read or write the state of a grain whose key is not well-formed text (<see cref="Identifiers"/>), before the
/// database sees it. The client SDK and the HTTP API check ids before calling a grain, but a caller that uses Orleans
/// directly can name any key, and a grain's state is read when it activates, before any of its methods could check: a
/// NUL in a key would otherwise reach PostgreSQL, which refuses it with an error the caller cannot even deserialize.
/// (A lone surrogate cannot arrive here: Orleans already turned it into U+FFFD when the key was encoded; only the
/// sender can refuse one.)
/// </summary>
public sealed class WellFormedKeyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require(grainId);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require(grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require(grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>The wrapped provider initialises itself (reads its queries) in the silo lifecycle.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <exception cref="ArgumentException">The grain's key holds a control character; nothing was read or written.</exception>
    public static void Require(GrainId grainId)
    {
        var key = grainId.Key.ToString();
        if (key is not null && Identifiers.Malformation(key) is { } problem)
            throw new ArgumentException(
                $"The {grainId.Type} grain key '{Identifiers.Printable(key)}' {problem}; its state is neither read nor stored.", nameof(grainId));
    }
}

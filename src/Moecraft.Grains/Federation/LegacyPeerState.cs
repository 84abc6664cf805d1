using Orleans.Storage;

namespace Moecraft.Federation;

/// <summary>
/// Reads what a node's federation peer grain stored before the split into <see cref="PeerTableGrain"/> and
/// <see cref="KnowledgeSyncGrain"/>: <see cref="FederationPeerState"/> under grain <c>federation-peer/{node}</c>, state
/// <c>federation-peer</c>. Each of the two takes its part on activation while it has no state of its own; the old record
/// is left as it was (nothing writes it any more), so either can take its part first.
/// </summary>
public static class LegacyPeerState
{
    /// <summary>The grain type and state name the peer grain stored its state under.</summary>
    public const string Name = "federation-peer";

    /// <summary>The node's old peer state, or null when it never stored one.</summary>
    public static async Task<FederationPeerState?> ReadAsync(IGrainStorage storage, string node)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var old = new GrainState<FederationPeerState>(new FederationPeerState());
        await storage.ReadStateAsync(Name, GrainId.Create(Name, node), old);
        return old.RecordExists ? old.State : null;
    }

    /// <summary>
    /// The grain's state: its own when stored, else its part of the old peer state (<paramref name="take"/>), else empty.
    /// Call in <c>OnActivateAsync</c>; the part taken is stored with the grain's next write.
    /// </summary>
    public static async Task<T> OwnOrLegacyAsync<T>(IPersistentState<T> state, IGrainStorage storage, string node, Func<FederationPeerState, T> take)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RecordExists) return state.State;
        return await ReadAsync(storage, node) is { } legacy ? take(legacy) : state.State;
    }
}

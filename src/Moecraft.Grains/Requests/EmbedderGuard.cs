using Moecraft.Experts.Embeddings;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Refuses a router's requests on a node whose embedder differs from the one the router's state was made with
/// (<see cref="EmbedderCompatibility"/>), before anything is embedded, cached, routed or charged. A compatible answer is
/// remembered for <see cref="Refresh"/>, so requests do not each pay a call to the router layer; a migration made through
/// this node is seen at once, one made elsewhere within that time.
/// </summary>
public sealed class EmbedderGuard(string routerId, IRouterLayerGrain router, SiloEmbedder embedder, string nodeName, TimeProvider time)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    // Only a compatible router is remembered: a refused one is asked again, so a migration lifts the refusal at once.
    private (RouterEmbedder Router, long ReadAt)? _compatible;

    /// <summary>This node's embedder, when the router was made with it.</summary>
    /// <exception cref="EmbedderMismatchException">The router was made with another embedder; the message says how to migrate.</exception>
    public async Task<EmbedderIdentity> RequireCompatibleAsync()
    {
        var node = await embedder.GetIdentityAsync();
        if (_compatible is { } known && known.Router.Embedder == node && time.GetElapsedTime(known.ReadAt) < Refresh) return node;
        var status = await StatusAsync();
        if (status.Mismatch is { } refusal) throw new EmbedderMismatchException(routerId, refusal);
        return node;
    }

    /// <summary>The router's embedder beside this node's, read now.</summary>
    public async Task<EmbedderStatus> StatusAsync()
    {
        var node = await embedder.GetIdentityAsync();
        var made = await router.GetEmbedder();
        var mismatch = EmbedderCompatibility.Mismatch(routerId, made, node, nodeName);
        _compatible = mismatch is null ? (made, time.GetTimestamp()) : null;
        return new EmbedderStatus(routerId, nodeName, node, made, mismatch);
    }

    /// <summary>Moves the router to this node's embedder (an audited epoch boundary on the router layer).</summary>
    public async Task<EmbedderMigrationReport> MigrateAsync(string actor)
    {
        var node = await embedder.GetIdentityAsync();
        _compatible = null;
        return await router.MigrateEmbedder(node, actor);
    }
}

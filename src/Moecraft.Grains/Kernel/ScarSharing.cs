using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// Publishes a keeper's committed scars for its node's CORE peers (SPEC 6), when federation shares scars. A failure is
/// reported and swallowed: the commit stands on this node whether or not its peers hear of it.
/// </summary>
/// <param name="notShared">Told the failure and the scar's sequence when a scar could not be published.</param>
internal sealed class ScarSharing(
    IGrainFactory grains, FederationSettings federation, SiloEmbedder embedder, string siloName, Action<Exception, long> notShared)
{
    public async Task PublishAsync(string routerId, IdentityEvent scar)
    {
        if (!federation.Enabled || !federation.ShareScars) return;
        try
        {
            // The router that proposed it serves on this node, so its vectors are this node's embedder's (EmbedderGuard); one
            // of another width recorded none, and is the hashing embedder's at that width (EmbedderCompatibility).
            var node = await embedder.GetIdentityAsync();
            var made = node.Dimension == scar.Evidence.Centroid.Length ? node : EmbedderIdentity.Hashing(scar.Evidence.Centroid.Length);
            await grains.GetGrain<IFederationPeerGrain>(siloName)
                .Publish(FederatedKnowledge.Scar(routerId, scar.Subject, [.. scar.Evidence.Centroid], scar.Evidence.Radius, made));
        }
        catch (Exception e)
        {
            notShared(e, scar.Sequence);
        }
    }
}

using Moecraft.Experts.Embeddings;

namespace Moecraft.Routing;

/// <summary>
/// Whether a node may use a router (SPEC 4.2): the router's gate weights, centroids, scars and reflexes live in the space
/// of the embedder they were made with, and a vector of another embedder means nothing there, even at the same dimension.
/// A router without a recorded embedder (made before embedders were recorded) is the hashing embedder at its input
/// dimension. Nothing is mixed: a node whose embedder differs is refused with how to migrate.
/// </summary>
public static class EmbedderCompatibility
{
    /// <summary>The embedder a router's state was made with.</summary>
    public static RouterEmbedder Of(RouterConfiguration configuration, int sinceEpoch)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Embedder is { } recorded
            ? new RouterEmbedder(recorded, Recorded: true, sinceEpoch)
            : new RouterEmbedder(EmbedderIdentity.Hashing(configuration.InputDimension), Recorded: false, sinceEpoch);
    }

    /// <summary>
    /// A new router's configuration as recorded. An input dimension of <see cref="RouterConfiguration.EmbedderWidth"/> is the
    /// width of the router's embedder: the one it names, else the silo's, which it then records (the SDK's
    /// <see cref="RouterConfiguration.Default"/>, so that it works whatever the cluster embeds with). One that names no
    /// embedder but a width takes the silo's embedder when the widths agree, else records none (a neural layer, say).
    /// </summary>
    /// <exception cref="ArgumentException">The width is left to an embedder, but none is named and the silo's is unknown.</exception>
    public static RouterConfiguration Recorded(RouterConfiguration configuration, EmbedderIdentity? silo)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.InputDimension == RouterConfiguration.EmbedderWidth)
        {
            var embedder = configuration.Embedder ?? silo ?? throw new ArgumentException(
                "The router's input dimension is left to its embedder (0), but it names none and this silo's embedder is unknown: " +
                "name the input dimension or the embedder.", nameof(configuration));
            return configuration with { InputDimension = embedder.Dimension, Embedder = embedder };
        }
        return configuration.Embedder is null && silo is not null && silo.Dimension == configuration.InputDimension
            ? configuration with { Embedder = silo }
            : configuration;
    }

    /// <summary>Whether a repeated configuration describes the router that exists: the same shape and the same embedder.</summary>
    public static bool SameRouter(RouterConfiguration existing, RouterConfiguration requested)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(requested);
        return existing with { Embedder = null } == requested with { Embedder = null }
            && Of(existing, 0).Embedder == Of(requested, 0).Embedder;
    }

    /// <summary>Null when <paramref name="node"/> embeds as the router was made; otherwise why the node refuses it, and the two ways on.</summary>
    public static string? Mismatch(string routerId, RouterEmbedder router, EmbedderIdentity node, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(node);
        if (router.Embedder == node) return null;
        var made = router.Recorded
            ? $"was made with the embedder {router.Embedder}"
            : $"was made before routers recorded their embedder, so it is taken as made with {router.Embedder}";
        return $"Router '{routerId}' {made}, and node '{nodeName}' embeds prompts with {node}. Its gate weights, centroids, scars and " +
               "reflexes mean nothing for that embedder's vectors, so the node refuses the router's requests; nothing was embedded, cached, " +
               $"routed or charged. Either run the node with the router's embedder ({ConfigurationHint(router.Embedder)}), or migrate the router " +
               $"to {node} (an audited epoch boundary that re-initialises gate weights, the success predictor, centroids, scars, reflexes " +
               $"and cache entries and keeps counters): 'moecraft embedder migrate --router {routerId}' or " +
               $"POST /moecraft/routers/{routerId}/embedder/migrate on this node.";
    }

    private static string ConfigurationHint(EmbedderIdentity embedder) => embedder.Name switch
    {
        EmbedderIdentity.HashingName => "Moecraft:Embeddings:Embedder=hashing",
        _ when embedder == KnownEmbedders.MiniLm => "Moecraft:Embeddings:Embedder=minilm",
        _ when embedder.Name.StartsWith(KnownEmbedders.OllamaPrefix, StringComparison.Ordinal) =>
            $"Moecraft:Embeddings:Embedder=ollama with OllamaModel={embedder.Name[KnownEmbedders.OllamaPrefix.Length..]}",
        _ => "Moecraft:Embeddings",
    };
}

namespace Moecraft.Routing;

/// <summary>A router's embedder beside the embedder of the node that asks (<c>moecraft embedder</c>, <c>GET /moecraft/routers/{id}/embedder</c>).</summary>
/// <param name="RouterId">The router.</param>
/// <param name="Node">The node (silo name) whose embedder is compared.</param>
/// <param name="NodeEmbedder">What that node embeds prompts with (<c>Moecraft:Embeddings</c>).</param>
/// <param name="Router">What the router's state was made with.</param>
/// <param name="Mismatch">Null when the two agree; otherwise why the node refuses the router's requests and how to migrate.</param>
[GenerateSerializer, Immutable, Alias("moecraft.EmbedderStatus")]
public sealed record EmbedderStatus(string RouterId, string Node, EmbedderIdentity NodeEmbedder, RouterEmbedder Router, string? Mismatch)
{
    public bool Compatible => Mismatch is null;
}

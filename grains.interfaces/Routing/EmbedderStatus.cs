namespace Moecraft.Routing;

/// <summary>A router's embedder beside the embedder of the node that asks (<c>moecraft embedder</c>, <c>GET /moecraft/routers/{id}/embedder</c>).</summary>
/// <param name="RouterId">The router.</param>
/// <param name="Node">The node (silo name) whose embedder is compared.</param>
/// <param name="NodeEmbedder">What that node embeds prompts with (<c>Moecraft:Embeddings</c>).</param>
/// <param name="Router">What the router's state was made with.</param>
/// <param name="Mismatch">Null when the two agree; otherwise why the node refuses the router's requests and how to migrate.</param>
[GenerateSerializer, Immutable, Alias("moecraft.EmbedderStatus")]
public sealed record EmbedderStatus([Id(0)] string RouterId, [Id(1)] string Node, [Id(2)] EmbedderIdentity NodeEmbedder, [Id(3)] RouterEmbedder Router, [Id(4)] string? Mismatch)
{
    public bool Compatible => Mismatch is null;
}

namespace Moecraft.Routing;

/// <summary>The embedder a router's state was made with, as the router reports it.</summary>
/// <param name="Embedder">The embedder.</param>
/// <param name="Recorded">False for a router made before embedders were recorded: taken as the hashing embedder at its input dimension.</param>
/// <param name="SinceEpoch">The router epoch that began with this embedder (0: since the router was configured).</param>
[GenerateSerializer, Immutable, Alias("moecraft.RouterEmbedder")]
public sealed record RouterEmbedder([Id(0)] EmbedderIdentity Embedder, [Id(1)] bool Recorded, [Id(2)] int SinceEpoch);

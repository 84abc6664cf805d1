namespace Moecraft.Kernel;

/// <summary>A committed reflex as the router layer caches it: prompts inside the region go to <paramref name="ExpertId"/> first.</summary>
/// <param name="Sequence">The reflex's event sequence on the fast keeper's log.</param>
/// <param name="Epoch">The router epoch it was committed in: one committed before the router's embedder changed is not applied.</param>
[GenerateSerializer, Immutable, Alias("moecraft.Reflex")]
public sealed record Reflex([Id(0)] long Sequence, [Id(1)] string ExpertId, [Id(2)] EquatableArray<float> Centroid, [Id(3)] double Radius, [property: Id(4)] int Epoch = 0);

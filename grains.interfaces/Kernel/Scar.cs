namespace Moecraft.Kernel;

/// <summary>A committed scar as the router layer caches it: <paramref name="ExpertId"/> is masked inside the region.</summary>
/// <param name="Sequence">The scar's event sequence on the slow keeper's log.</param>
/// <param name="Epoch">The router epoch it was committed in: one committed before the router's embedder changed is not applied.</param>
[GenerateSerializer, Immutable, Alias("moecraft.Scar")]
public sealed record Scar([Id(0)] long Sequence, [Id(1)] string ExpertId, [Id(2)] EquatableArray<float> Centroid, [Id(3)] double Radius, [property: Id(4)] int Epoch = 0);

namespace Moecraft.Kernel;

/// <summary>
/// A committed claim on a region of the router's input space, as the router layer caches it for its request path: a
/// scar masks <paramref name="ExpertId"/> inside the region, a reflex sends prompts inside it to <paramref name="ExpertId"/>
/// first. Which one it is follows from the list that holds it (the slow keeper's scars or the fast keeper's reflexes).
/// </summary>
/// <param name="Sequence">The claim's event sequence on its keeper's log.</param>
/// <param name="Centroid">The region's centre, in the embedder space of the router epoch it was committed in.</param>
/// <param name="Radius">The region's cosine-distance radius around <paramref name="Centroid"/>.</param>
/// <param name="Epoch">The router epoch it was committed in: one committed before the router's embedder changed is not applied.</param>
/// <remarks>
/// Replaces the former <c>Scar</c> and <c>Reflex</c> records, which had the very same members. Both were only ever stored as
/// members declared with their own type (the router's lists, a tick's report), where Orleans writes no type name, so the
/// stored bytes of every state that holds them are unchanged (the pinned contract bytes show it).
/// </remarks>
[GenerateSerializer, Immutable, Alias("moecraft.RegionClaim")]
public sealed record RegionClaim([Id(0)] long Sequence, [Id(1)] string ExpertId, [Id(2)] EquatableArray<float> Centroid, [Id(3)] double Radius, [property: Id(4)] int Epoch = 0);

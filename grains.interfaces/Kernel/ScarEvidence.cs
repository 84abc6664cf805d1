namespace Moecraft.Kernel;

/// <summary>
/// Why an expert (the proposal's subject) is to be masked in a region of input space: the region and the failures seen.
/// It holds while the expert is on the router's roster and not archived, and its failure counter is still at least
/// <paramref name="Failures"/> (a counter below it means a different, re-created expert). Checked at proposal and again
/// at commit.
/// </summary>
/// <param name="Centroid">Centre of the region: a finite, non-zero vector of the router's input dimension.</param>
/// <param name="Radius">The most cosine distance (1 - cos) from the centroid that lies inside, in (0, 2].</param>
/// <param name="Failures">Failed calls of the expert the proposer saw (its counters' failures), at least 1.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ScarEvidence")]
public sealed record ScarEvidence([Id(0)] EquatableArray<float> Centroid, [Id(1)] double Radius, [Id(2)] long Failures);

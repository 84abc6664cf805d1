namespace Moecraft.Kernel;

/// <summary>
/// Why prompts in a region should go straight to an expert (the proposal's subject), SPEC 5.3. The claims are re-checked
/// against the router's counters at proposal and at commit: they hold while the router still counts at least
/// <paramref name="StableSteps"/> consecutive in-region gate calls with the expert as top-1 and at least
/// <paramref name="FeedbackSamples"/> feedback scores for it, and every gate of <c>ReflexGates</c> passes.
/// </summary>
/// <param name="Centroid">Centre of the region: a finite, non-zero vector of the router's input dimension.</param>
/// <param name="Radius">The most cosine distance (1 - cos) from the centroid that lies inside, in (0, 2].</param>
/// <param name="StableSteps">Consecutive in-region gate calls with the expert as top-1 the proposer saw.</param>
/// <param name="FeedbackSamples">Feedback scores for the expert the proposer saw.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ReflexEvidence")]
public sealed record ReflexEvidence([Id(0)] EquatableArray<float> Centroid, [Id(1)] double Radius, [Id(2)] int StableSteps, [Id(3)] long FeedbackSamples);

namespace Moecraft.Routing;

/// <summary>A router's counters behind a reflex's gates 1-4 (SPEC 5.3) for one expert and region.</summary>
/// <param name="StableSteps">Most recent consecutive gate calls inside the region whose top-1 (highest predicted success) was the expert (in-memory window of the activation).</param>
/// <param name="PhiSlow">The expert's slow <c>phi_loo</c>; NaN until measured.</param>
/// <param name="FeedbackSamples">Feedback scores recorded for the expert (all regions).</param>
/// <param name="FeedbackMean">Their mean; 0 when there are none.</param>
/// <param name="OverlappingScars">Committed scars of the expert whose region overlaps this one.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ReflexStatistics")]
public sealed record ReflexStatistics([Id(0)] int StableSteps, [Id(1)] double PhiSlow, [Id(2)] long FeedbackSamples, [Id(3)] double FeedbackMean, [Id(4)] int OverlappingScars);

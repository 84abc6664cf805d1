namespace Moecraft.Routing;

/// <summary>
/// The gain head's prediction for one pair of experts on one prompt (issue 14): <c>E[score(To) - score(From)]</c> in [-1, 1].
/// The gate reports only pairs the head has learned enough about; the others fall back to the success difference.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.PredictedGain")]
public sealed record PredictedGain([Id(0)] string From, [Id(1)] string To, [Id(2)] double Gain);

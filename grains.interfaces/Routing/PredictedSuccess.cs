namespace Moecraft.Routing;

/// <summary>
/// The LLM gate's recent estimate for one expert: the probability of an acceptable answer it predicted, averaged
/// (exponentially, weight 0.05) over the gate calls that offered the expert since the router was activated.
/// Ids are a contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.PredictedSuccess")]
public sealed record PredictedSuccess(
    [property: Id(0)] string ExpertId,
    [property: Id(1)] double Mean,
    [property: Id(2)] long GateCalls);

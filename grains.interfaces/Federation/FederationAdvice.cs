using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// What federated knowledge says about one request (SPEC 6), from packets this node serves (peers it rates CORE, itself):
/// a shared cache entry that can answer it, experts scarred for its region, and routing priors per expert.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.FederationAdvice")]
public sealed record FederationAdvice([Id(0)] FederatedAnswer? Cached, [Id(1)] ImmutableArray<string> Scarred, [Id(2)] ImmutableArray<ExpertPrior> Priors)
{
    public static FederationAdvice None { get; } = new(null, [], []);
}

using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>The router's counters behind gates 1-4 for the region of reflex proposal <paramref name="ProposalId"/>.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ReflexReading")]
public sealed record ReflexReading([Id(0)] string ProposalId, [Id(1)] ReflexStatistics Statistics);

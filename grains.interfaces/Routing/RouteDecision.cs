using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// Where one unit of work goes: the top-k experts by the biased logits <c>z = W x + b + beta</c>, gates from the clean
/// softmax renormalised over the selection (the bias selects, it does not weigh), best first; and the slots the clean
/// logits alone would have chosen.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouteDecision")]
public sealed record RouteDecision([Id(0)] string RouterId, [Id(1)] int Epoch, [Id(2)] ImmutableArray<ExpertSelection> Selected, [Id(3)] ImmutableArray<int> CleanSlots);

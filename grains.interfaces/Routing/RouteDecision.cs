using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// Where one unit of work goes: the top-k experts by <c>z = W x + b</c>, gates softmax-normalised over the
/// selection, best first.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouteDecision")]
public sealed record RouteDecision(string RouterId, int Epoch, ImmutableArray<ExpertSelection> Selected);

namespace Moecraft.Routing;

/// <summary>
/// How much the bias moved routing on sampled units (SPEC 3.1): Jensen-Shannon divergence, top-1 flip rate,
/// top-k set change and the overlap-only mass (equal to the total-variation distance).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RoutingDisagreementReport")]
public sealed record RoutingDisagreementReport([Id(0)] int Samples, [Id(1)] double JensenShannon, [Id(2)] double Top1FlipRate, [Id(3)] double TopKSetChange, [Id(4)] double OverlapMass);

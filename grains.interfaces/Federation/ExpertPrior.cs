namespace Moecraft.Federation;

/// <summary>A routing prior from a peer (SPEC 6): how often <paramref name="Expert"/> answered acceptably on <paramref name="Router"/> there.</summary>
/// <param name="Success">Acceptable share in [0, 1].</param>
/// <param name="Samples">Scores behind it: the weight the prior gets against this node's own prediction.</param>
/// <param name="Origin">The node id that published it.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertPrior")]
public sealed record ExpertPrior([Id(0)] string Router, [Id(1)] string Expert, [Id(2)] double Success, [Id(3)] int Samples, [Id(4)] string Origin);

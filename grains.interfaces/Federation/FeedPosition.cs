namespace Moecraft.Federation;

/// <summary>One entry of a sync clock: the highest contiguous sequence held from an origin and that packet's id.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FeedPosition")]
public sealed record FeedPosition([Id(0)] string Origin, [Id(1)] long Seq, [Id(2)] string? HeadId);

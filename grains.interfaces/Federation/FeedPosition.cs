namespace Moecraft.Federation;

/// <summary>One entry of a sync clock: the highest contiguous sequence held from an origin and that packet's id.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FeedPosition")]
public sealed record FeedPosition(string Origin, long Seq, string? HeadId);

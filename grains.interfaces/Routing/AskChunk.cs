namespace Moecraft.Routing;

/// <summary>One piece of a streamed answer: a text delta, or (last) the complete result with its routing metadata.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AskChunk")]
public sealed record AskChunk([Id(0)] string? Text, [Id(1)] AskResult? Final = null);

namespace Moecraft.Routing;

/// <summary>One piece of a streamed answer: a text delta, or (last) the complete result with its routing metadata.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AskChunk")]
public sealed record AskChunk(string? Text, AskResult? Final = null);

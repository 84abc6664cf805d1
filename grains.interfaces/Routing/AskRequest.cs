namespace Moecraft.Routing;

/// <summary>A prompt to route through a router and answer with the selected expert.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AskRequest")]
public sealed record AskRequest(string RequestId, string Prompt);

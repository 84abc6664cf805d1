using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>What feedback needs to know about an answered request: where it was routed, what was asked, who answered.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AnsweredRequest")]
public sealed record AnsweredRequest(string RouterId, string Prompt, ImmutableArray<string> Experts, DateTimeOffset At);

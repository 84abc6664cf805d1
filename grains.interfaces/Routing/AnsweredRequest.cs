using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>What feedback needs to know about an answered request: where it was routed, what was asked, who answered.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AnsweredRequest")]
public sealed record AnsweredRequest([Id(0)] string RouterId, [Id(1)] string Prompt, [Id(2)] ImmutableArray<string> Experts, [Id(3)] DateTimeOffset At);

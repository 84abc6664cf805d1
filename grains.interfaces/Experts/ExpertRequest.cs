using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Experts;

/// <summary>One unit of work for an expert.</summary>
/// <param name="RequestId">Caller's id for the request; simulated failures and answers are a function of it and the prompt.</param>
/// <param name="Prompt">A single user prompt; empty when <paramref name="Messages"/> carries the conversation.</param>
/// <param name="Options">Generation options; null means <see cref="RequestOptions.Default"/>.</param>
/// <param name="Messages">The whole conversation; default: one user turn of <paramref name="Prompt"/>.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertRequest")]
public sealed record ExpertRequest([Id(0)] string RequestId, [Id(1)] string Prompt, [Id(2)] RequestOptions? Options = null, [Id(3)] ImmutableArray<ChatTurn> Messages = default)
{
    /// <summary>The conversation to answer.</summary>
    public ImmutableArray<ChatTurn> Conversation => Conversations.Of(Prompt, Messages);

    /// <summary>The conversation as one text (token estimates, simulated answers).</summary>
    public string RoutingText => Conversations.RoutingText(Prompt, Messages);
}

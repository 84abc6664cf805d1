using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>A conversation to route through a router and answer with the selected expert(s).</summary>
/// <param name="RequestId">The caller's id for the request; feedback names it later.</param>
/// <param name="Prompt">A single user prompt; leave empty when <paramref name="Messages"/> carries the conversation.</param>
/// <param name="Options">Generation options; null: <see cref="RequestOptions.Default"/>.</param>
/// <param name="TenantId">The tenant charged (budget, cache, ledger); null: the router's open path, nothing charged or cached.</param>
/// <param name="Policy">Overrides the tenant's routing policy for this request; null: the tenant's (or cheapest acceptable).</param>
/// <param name="Experts">How many experts answer (k); 1 unless coordination is wanted.</param>
/// <param name="Coordination">How k &gt; 1 answers become one.</param>
/// <param name="Messages">The whole conversation (system, user, assistant and tool turns); default: one user turn of <paramref name="Prompt"/>.</param>
[GenerateSerializer, Immutable, Alias("moecraft.AskRequest")]
public sealed record AskRequest(
    [Id(0)] string RequestId,
    [Id(1)] string Prompt,
    [Id(2)] RequestOptions? Options = null,
    [Id(3)] string? TenantId = null,
    [Id(4)] RoutingPolicy? Policy = null,
    [Id(5)] int Experts = 1,
    [Id(6)] CoordinationKind Coordination = CoordinationKind.Consensus,
    [Id(7)] ImmutableArray<ChatTurn> Messages = default)
{
    /// <summary>The most experts one request may ask to answer (k).</summary>
    public const int MaxExperts = 4;

    /// <summary>The conversation the experts answer: <see cref="Messages"/>, or one user turn of <see cref="Prompt"/>.</summary>
    public ImmutableArray<ChatTurn> Conversation => Conversations.Of(Prompt, Messages);

    /// <summary>What routing embeds, caches and prices: the prompt itself for a one-turn conversation, else the whole conversation as text.</summary>
    public string RoutingText => Conversations.RoutingText(Prompt, Messages);

    /// <summary>The options in force.</summary>
    public RequestOptions EffectiveOptions => Options ?? RequestOptions.Default;
}

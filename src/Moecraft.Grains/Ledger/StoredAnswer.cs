using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Ledger;

/// <summary>An answered request as the ledger keeps it beside its line (table <c>moecraft_answer</c>).</summary>
/// <param name="TenantId">The tenant, or <c>_open</c> for the open path.</param>
/// <param name="RequestId">The caller's request id.</param>
/// <param name="RouterId">The router that answered.</param>
/// <param name="Prompt">What routing embedded (<see cref="AskRequest.RoutingText"/>): feedback re-embeds it.</param>
/// <param name="Experts">The experts that answered, chosen first.</param>
/// <param name="At">When it was answered.</param>
/// <param name="Result">The answer as the caller got it; null when it could not be read back (an older format).</param>
public sealed record StoredAnswer(
    string TenantId,
    string RequestId,
    string RouterId,
    string Prompt,
    ImmutableArray<string> Experts,
    DateTimeOffset At,
    AskResult? Result)
{
    /// <summary>The tenant key of requests answered on the open path (no tenant).</summary>
    public const string OpenTenant = "_open";

    /// <summary>What feedback needs.</summary>
    public AnsweredRequest ToAnsweredRequest() => new(RouterId, Prompt, Experts, At);
}

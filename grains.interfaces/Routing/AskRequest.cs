namespace Moecraft.Routing;

/// <summary>A prompt to route through a router and answer with the selected expert(s).</summary>
/// <param name="RequestId">The caller's id for the request; feedback names it later.</param>
/// <param name="Prompt">The user's prompt text.</param>
/// <param name="Options">Generation options; null: <see cref="RequestOptions.Default"/>.</param>
/// <param name="TenantId">The tenant charged (budget, cache, ledger); null: the router's open path, nothing charged or cached.</param>
/// <param name="Policy">Overrides the tenant's routing policy for this request; null: the tenant's (or cheapest acceptable).</param>
/// <param name="Experts">How many experts answer (k); 1 unless coordination is wanted.</param>
/// <param name="Coordination">How k &gt; 1 answers become one.</param>
[GenerateSerializer, Immutable, Alias("moecraft.AskRequest")]
public sealed record AskRequest(
    string RequestId,
    string Prompt,
    RequestOptions? Options = null,
    string? TenantId = null,
    RoutingPolicy? Policy = null,
    int Experts = 1,
    CoordinationKind Coordination = CoordinationKind.Consensus);

using System.Collections.Immutable;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Requests;

/// <summary>What admission decided for one request: answered from a cache, or planned for the experts.</summary>
/// <param name="Request">The validated request.</param>
/// <param name="Policy">The routing policy in force (request, tenant or default).</param>
/// <param name="Embedding">
/// The routing text's embedding; default (empty) for a request that pins its experts when no scar needed it (see
/// <see cref="ChatAdmission"/>): whoever needs it later embeds the text then.
/// </param>
/// <param name="Started">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>), for its latency.</param>
public abstract record Admission(AskRequest Request, RoutingPolicy Policy, ImmutableArray<float> Embedding, long Started);

/// <summary>A cached answer serves the request (the tenant's surrogate cache, or a CORE peer's shared entry): no model is called.</summary>
public sealed record CachedAdmission(AskRequest Request, RoutingPolicy Policy, ImmutableArray<float> Embedding, long Started, AskResult Cached)
    : Admission(Request, Policy, Embedding, Started);

/// <summary>The experts will answer: the gate's report, the policy's plan and, for a tenant, the budget held for the worst case.</summary>
public sealed record PlannedAdmission(
    AskRequest Request, RoutingPolicy Policy, ImmutableArray<float> Embedding, long Started, GateReport Gate, RoutingPlan Plan, BudgetReservation? Reservation)
    : Admission(Request, Policy, Embedding, Started);

/// <summary>
/// The request id was already settled or released for this tenant: the ledger holds how it ended, so no model is called
/// and nothing is charged again.
/// </summary>
public sealed record RepeatedAdmission(AskRequest Request, RoutingPolicy Policy, ImmutableArray<float> Embedding, long Started)
    : Admission(Request, Policy, Embedding, Started);

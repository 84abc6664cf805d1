using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>Where a request's <c>model</c> sends it: a router, and the policy that overrides the tenant's (null: the tenant's).</summary>
/// <param name="RouterId">The chat router's key.</param>
/// <param name="Policy">Fixed on an expert (with fallbacks) when the model names experts; null for <c>moecraft/auto</c> and routers.</param>
/// <param name="Model">The model the caller named, echoed where the answering expert is not known yet.</param>
public sealed record ModelRoute(string RouterId, RoutingPolicy? Policy, string Model);

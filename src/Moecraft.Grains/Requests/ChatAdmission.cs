using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Experts;
using Moecraft.Experts.Conversations;
using Moecraft.Federation;
using Moecraft.Gating;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Requests;

/// <summary>
/// Admission (SPEC 4.1-4.4) for one router: validation, the kill switch, the tenant's settings, embedding, the tenant's
/// surrogate cache, federation advice, the learned gate, the experts that can honour the request's tools and format,
/// the policy's plan and the budget reservation. Every rejection happens before anything is charged.
/// </summary>
public sealed partial class ChatAdmission(
    string routerId,
    IGrainFactory grains,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    GovernanceCache governance,
    FederationSettings federation,
    string nodeName,
    ExpertPriceList prices,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The quality target of the open path and of requests whose tenant sets none.</summary>
    public const double DefaultQualityTarget = 0.7;

    // The router's governance id, read once: routers rarely change governance, requests are many.
    private string? _governanceId;

    private IRouterLayerGrain Router => grains.Reference<IRouterLayerGrain>(routerId);

    /// <param name="answerEscalation">
    /// Whether the caller can escalate a cascade by its first answer (a whole answer, not a stream): only then may the plan
    /// start a cascade at its cheapest stage for the answer to decide (<see cref="RoutingPlan.EscalatesByAnswer"/>).
    /// </param>
    public async Task<Admission> AdmitAsync(AskRequest request, bool answerEscalation = false)
    {
        var started = time.GetTimestamp();
        // The router id is this grain's key, chosen by the caller: checked before the router layer's state is read.
        RouterIds.Validate(routerId, nameof(routerId));
        AskRequestValidator.Validate(request);
        // The kill switch first among the grain calls: a halted cluster starts nothing and reserves nothing.
        _governanceId ??= (await Router.GetSettings()).GovernanceId ?? GovernanceIds.Cluster;
        ClusterHaltedException.ThrowIfHalted(await governance.GetAsync(_governanceId));
        TenantSettings? tenant = null;
        if (request.TenantId is { } tenantId) tenant = await grains.Reference<ITenantGrain>(tenantId).GetSettings();
        var policy = ResolvePolicy(request, tenant);
        // A request that names its experts is not routed: unless a scar of one of them could hold the prompt, it needs no
        // embedding (a model call with a real embedder) and no gate run, only the roster and the prices.
        if (policy.PinsExpert && await PinnedGateAsync(policy) is { } pinned)
            return await PlanAsync(request, policy, embedding: default, started, pinned, answerEscalation);

        var text = request.RoutingText;
        var optionsKey = request.EffectiveOptions.Key;
        var embedding = ImmutableArray.Create((await embeddings.GenerateAsync([text]))[0].Vector.ToArray());
        var scars = new ScarCheck(Router, embedding);

        // A request that pins an expert is answered by that expert: a similar prompt's cached answer may be another's
        // (ChatAccounting does not fill the cache with its answer either).
        if (request.TenantId is { } cachedTenant && request.Experts == 1 && !policy.PinsExpert)
        {
            var cached = await grains.Reference<ISurrogateCacheGrain>(cachedTenant).Lookup(text, embedding, optionsKey);
            // A cached answer from an expert scarred since for this region is not served (SPEC 5.3): the request routes afresh.
            if (cached is not null && !await scars.ScarredAsync(cached.Answer.ExpertId))
                return new CachedAdmission(request, policy, embedding, started, cached);
        }

        // Federated knowledge (SPEC 6): a shared cache entry from a peer this node rates CORE, peers' scars and priors.
        var advice = await AdviseAsync(text, embedding, optionsKey);
        if (request.Experts == 1 && !policy.PinsExpert && advice.Cached is { } shared && !advice.Scarred.Contains(shared.Expert) && !await scars.ScarredAsync(shared.Expert))
            return new CachedAdmission(request, policy, embedding, started, SharedAnswer(shared, policy));

        var gate = await Router.Gate(embedding, ImmutableArray.Create(PromptStatistics.Of(text)));
        gate = ApplyAdvice(gate, advice);
        if (policy is { Kind: RoutingPolicyKind.Fixed, FixedExpert: { } fixedExpert } && !gate.Scarred.IsDefault && gate.Scarred.Contains(fixedExpert))
            throw new InvalidOperationException(
                $"The fixed expert '{fixedExpert}' is scarred for this prompt's region of router '{routerId}' (SPEC 5.3) and may not answer it. Nothing was started or charged.");
        return await PlanAsync(request, policy, embedding, started, gate, answerEscalation);
    }

    /// <summary>The policy's plan over the gate's predictions, and for a tenant the budget held for its worst case.</summary>
    private async Task<Admission> PlanAsync(
        AskRequest request, RoutingPolicy policy, ImmutableArray<float> embedding, long started, GateReport gate, bool answerEscalation)
    {
        var priced = await prices.GetAsync(gate.Predictions.Select(p => p.ExpertId));
        gate = gate with { Predictions = Capable(gate.Predictions, request, policy) };
        var plan = RoutingPlanner.Plan(
            gate.Predictions, priced, policy, request.Experts, TokenEstimate.Of(request.RoutingText),
            request.EffectiveOptions.OutputCap, gate.Reflex, gate.Gains, answerEscalation && !embedding.IsDefault ? (IReadOnlyCollection<string>)gate.AnswerAware.Items : null);

        BudgetReservation? reservation = null;
        if (request.TenantId is { } charged)
        {
            reservation = await grains.Reference<ITenantGrain>(charged).Reserve(request.RequestId, plan.WorstCase);
            if (reservation.Repeated) return new RepeatedAdmission(request, policy, embedding, started);
        }
        MoecraftDiagnostics.RoutingDecisionLatency.Record(time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("router", routerId));
        return new PlannedAdmission(request, policy, embedding, started, gate, plan, reservation);
    }

    /// <summary>
    /// The gate of a pinned request without its prompt, or null when a scar (this router's, or a peer's this node serves)
    /// names one of its experts: then the prompt is embedded and gated like any other.
    /// </summary>
    private async Task<GateReport?> PinnedGateAsync(RoutingPolicy policy)
    {
        ImmutableArray<string> pinned = [policy.FixedExpert!, .. policy.FallbackList];
        var gate = Router.GatePinned(pinned);
        var peerScarred = await PeerScarsNameAsync(pinned);
        var report = await gate;
        return peerScarred ? null : report;
    }

    /// <summary>Whether a peer's scar names one of the experts; false when federation is off here or the peer grain cannot be reached.</summary>
    private async Task<bool> PeerScarsNameAsync(ImmutableArray<string> experts)
    {
        if (!federation.Enabled) return false;
        try
        {
            return await grains.Reference<IFederationPeerGrain>(nodeName).ScarsName(routerId, experts);
        }
        catch (Exception e)
        {
            // Degradation, as for advice: the request is served on this node's own knowledge.
            LogAdviceFailed(logger, e, routerId, nodeName);
            return false;
        }
    }

    /// <summary>
    /// The predictions of experts whose backends can honour the request's tools and response format. A request no expert
    /// can honour (or whose fixed expert cannot) is refused here, before any call: never answered with the feature dropped.
    /// </summary>
    private ImmutableArray<ExpertPrediction> Capable(ImmutableArray<ExpertPrediction> predictions, AskRequest request, RoutingPolicy policy)
    {
        var options = request.EffectiveOptions;
        if (!options.NeedsTools && !options.NeedsResponseFormat) return predictions;
        if (policy is { Kind: RoutingPolicyKind.Fixed, FixedExpert: { } pinned } && prices.BackendOf(pinned) is { } backend
            && BackendFeatures.Unsupported(backend, options) is { } reason)
            throw new ArgumentException($"Expert '{pinned}' cannot take this request: {reason}. Nothing was called or charged.", nameof(request));
        var capable = predictions.Where(p => prices.BackendOf(p.ExpertId) is { } kind && BackendFeatures.Unsupported(kind, options) is null).ToImmutableArray();
        if (capable.IsEmpty)
            throw new ArgumentException(
                $"No expert of router '{routerId}' can honour this request's {(options.NeedsTools ? "tools" : "response_format")}: " +
                string.Join("; ", predictions.Select(p => $"{p.ExpertId}: {BackendFeatures.Unsupported(prices.BackendOf(p.ExpertId) ?? BackendKind.Simulated, options)}")) +
                ". Nothing was called or charged.", nameof(request));
        return capable;
    }

    private GateReport ApplyAdvice(GateReport gate, FederationAdvice advice)
    {
        if (advice.Scarred.IsDefaultOrEmpty && advice.Priors.IsDefaultOrEmpty) return gate;
        var predictions = FederationAdviceRule.Apply(gate.Predictions, advice);
        if (predictions.IsEmpty)
            throw new InvalidOperationException(
                $"Every expert of router '{routerId}' is scarred for this prompt by this node or its peers ({string.Join(", ", advice.Scarred)}). Nothing was started or charged.");
        return gate with { Predictions = predictions, Scarred = [.. (gate.Scarred.IsDefault ? [] : gate.Scarred).Union(advice.Scarred)] };
    }

    /// <summary>The node's federation advice for this request; none when federation is off here or the peer grain cannot be reached.</summary>
    private async Task<FederationAdvice> AdviseAsync(string text, ImmutableArray<float> embedding, string optionsKey)
    {
        if (!federation.Enabled) return FederationAdvice.None;
        try
        {
            return await grains.Reference<IFederationPeerGrain>(nodeName).Advise(routerId, text, embedding, optionsKey);
        }
        catch (Exception e)
        {
            // Degradation: the request is served on this node's own knowledge.
            LogAdviceFailed(logger, e, routerId, nodeName);
            return FederationAdvice.None;
        }
    }

    /// <summary>A peer's shared cache entry as this router's answer: free, flagged as a cache hit.</summary>
    private AskResult SharedAnswer(FederatedAnswer shared, RoutingPolicy policy) => new(
        new RouteDecision(routerId, 0, [], []),
        new ExpertAnswer(shared.Expert, shared.Text, 0, 0, 0, 0, Simulated: false),
        new RoutingMetadata([shared.Expert], 0, 0, shared.Similarity, CacheHit: true, 0, policy.Kind, 0));

    private static RoutingPolicy ResolvePolicy(AskRequest request, TenantSettings? tenant)
    {
        var target = request.Policy?.QualityTarget ?? tenant?.QualityTarget ?? DefaultQualityTarget;
        if (request.Policy is { } policy) return policy with { QualityTarget = target };
        return tenant is null
            ? new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target)
            : RoutingPolicyNames.Parse(tenant.RoutingPolicy, target);
    }

    /// <summary>The router's scars, read at most once per request and only when a cached answer needs checking.</summary>
    private sealed class ScarCheck(IRouterLayerGrain router, ImmutableArray<float> embedding)
    {
        private ImmutableArray<RegionClaim>? _scars;

        public async Task<bool> ScarredAsync(string expertId)
        {
            _scars ??= await router.GetScars();
            return _scars.Value.Any(s => s.ExpertId == expertId && ScarRegion.Contains(s.Centroid.AsSpan(), s.Radius, embedding.AsSpan()));
        }
    }
}

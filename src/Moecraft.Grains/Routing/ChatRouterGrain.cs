using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Gating;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Ledger;
using Moecraft.Requests;
using Moecraft.Tenants;
using Orleans.Concurrency;

namespace Moecraft.Routing;

/// <summary>
/// The request path of SPEC 4 (key: router id): admission (validation, tenant, budget reservation), embedding, the
/// tenant's surrogate cache, the router layer's learned gate and the policy's plan, invocation with failover before any
/// output, coordination of k &gt; 1 answers, settlement, the ledger, and shadow sampling for the coherence clocks.
/// Requests without a tenant take the open path: no budget, no cache, no ledger line.
/// </summary>
[StatelessWorker, GrainType("chat-router")]
public sealed partial class ChatRouterGrain(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ILedger ledger,
    GovernanceCache governance,
    FederationSettings federation,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ChatRouterGrain> logger) : Grain, IChatRouterGrain
{
    /// <summary>Worst-case output when a request sets no maximum: what admission reserves for.</summary>
    public const int DefaultMaxOutputTokens = 1024;

    /// <summary>The quality target of the open path and of requests whose tenant sets none.</summary>
    public const double DefaultQualityTarget = 0.7;

    /// <summary>Share of k = 1 requests that also go to a shadow expert to feed the coherence clocks (SPEC 3.7).</summary>
    public const double ShadowRate = 0.05;

    /// <summary>Where requests without a tenant are remembered for feedback.</summary>
    public const string OpenTenant = "_open";

    private ExpertPriceList? _prices;

    // The router's governance id, read once per activation: routers rarely change governance, requests are many.
    private string? _governanceId;

    private string RouterId => this.GetPrimaryKeyString();

    private ExpertPriceList Prices => _prices ??= new ExpertPriceList(GrainFactory, time);

    public async Task<AskResult> Ask(AskRequest request)
    {
        using var activity = StartActivity(request);
        var started = time.GetTimestamp();
        var admission = await AdmitAsync(request);
        if (admission.Cached is { } cached) return await AnswerFromCacheAsync(admission, cached, started);

        var result = await AnswerAsync(admission, started);
        activity?.SetTag("moecraft.expert", result.Answer.ExpertId);
        return result;
    }

    public async IAsyncEnumerable<AskChunk> AskStreaming(AskRequest request)
    {
        using var activity = StartActivity(request);
        var started = time.GetTimestamp();
        var admission = await AdmitAsync(request);
        if (admission.Cached is { } cached)
        {
            var hit = await AnswerFromCacheAsync(admission, cached, started);
            yield return new AskChunk(hit.Answer.Text);
            yield return new AskChunk(null, hit);
            yield break;
        }
        if (admission.Request.Experts > 1)
        {
            // Coordination needs every answer whole: the chosen one is streamed as one piece.
            var coordinated = await AnswerAsync(admission, started);
            yield return new AskChunk(coordinated.Answer.Text);
            yield return new AskChunk(null, coordinated);
            yield break;
        }

        var failures = new List<string>();
        foreach (var expert in admission.Plan!.Order)
        {
            var stream = GrainFactory.GetGrain<IExpertGrain>(expert.ExpertId).InvokeStreaming(ToExpertRequest(admission.Request)).GetAsyncEnumerator();
            var streamed = false;
            ExpertAnswer? final = null;
            try
            {
                while (true)
                {
                    ExpertAnswerChunk chunk;
                    try
                    {
                        if (!await stream.MoveNextAsync()) break;
                        chunk = stream.Current;
                    }
                    catch (ExpertCallFailedException ex) when (!streamed)
                    {
                        // Nothing reached the caller yet: fail over to the next expert of the plan.
                        failures.Add(ex.Message);
                        LogFailover(logger, RouterId, expert.ExpertId, request.RequestId);
                        // A busy expert is no evidence of failing in this region: no report to the scar sentinel.
                        if (!ex.Saturated) await ReportFailureAsync(admission.Embedding, expert.ExpertId);
                        break;
                    }
                    catch (Exception ex)
                    {
                        // Output was streamed: a broken answer is a failed request, never a truncated success.
                        await FailAsync(admission, ex, started);
                        throw;
                    }

                    if (chunk.Final is { } answer) final = answer;
                    else if (chunk.Delta.Length > 0)
                    {
                        streamed = true;
                        yield return new AskChunk(chunk.Delta);
                    }
                }
            }
            finally
            {
                await stream.DisposeAsync();
            }

            if (final is null) continue;
            var chosen = new AnsweredBy(expert, final);
            var result = await AccountAsync(admission, [chosen], chosen, started);
            activity?.SetTag("moecraft.expert", final.ExpertId);
            yield return new AskChunk(null, result);
            yield break;
        }

        var failed = AllFailed(admission, failures);
        await FailAsync(admission, failed, started);
        throw failed;
    }

    public async Task Feedback(FeedbackRequest feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (string.IsNullOrWhiteSpace(feedback.RequestId)) throw new ArgumentException("The request id must not be empty.", nameof(feedback));
        if (feedback.TenantId is { } tenant) TenantIds.Validate(tenant);
        var hasScore = feedback.Score is not null;
        var hasPreference = feedback.Preferred is not null || feedback.Over is not null;
        if (hasScore == hasPreference) throw new ArgumentException("Feedback is either a score or a preference (preferred and over), not both or neither.", nameof(feedback));
        if (feedback.Score is { } score && !(score >= 0 && score <= 1)) throw new ArgumentException($"A score must be in [0, 1], got {score}.", nameof(feedback));

        var key = IAnsweredRequestGrain.Key(feedback.TenantId ?? OpenTenant, feedback.RequestId);
        var answered = await GrainFactory.GetGrain<IAnsweredRequestGrain>(key).Recall()
            ?? throw new ArgumentException($"No answered request '{feedback.RequestId}' is known for this tenant.", nameof(feedback));
        if (answered.RouterId != RouterId) throw new ArgumentException($"Request '{feedback.RequestId}' was routed by '{answered.RouterId}', not '{RouterId}'.", nameof(feedback));

        var input = ImmutableArray.Create(await EmbedAsync(answered.Prompt));
        var router = GrainFactory.GetGrain<IRouterLayerGrain>(RouterId);
        if (feedback.Score is { } value)
        {
            await router.LearnScore(input, answered.Experts[0], value);
            return;
        }
        if (string.IsNullOrWhiteSpace(feedback.Preferred) || string.IsNullOrWhiteSpace(feedback.Over))
            throw new ArgumentException("A preference names both the preferred expert and the one it is preferred over.", nameof(feedback));
        if (!answered.Experts.Contains(feedback.Preferred) || !answered.Experts.Contains(feedback.Over))
            throw new ArgumentException($"Both experts of a preference must have answered request '{feedback.RequestId}' ({string.Join(", ", answered.Experts)}).", nameof(feedback));
        await router.LearnPreference(input, feedback.Preferred, feedback.Over);
    }

    public async Task<ImmutableArray<float[]>> Embed(ImmutableArray<string> texts)
    {
        if (texts.IsDefaultOrEmpty) throw new ArgumentException("At least one text is needed.", nameof(texts));
        if (texts.Any(t => t is null)) throw new ArgumentException("Texts must not be null.", nameof(texts));
        var generated = await embeddings.GenerateAsync(texts);
        return [.. generated.Select(e => e.Vector.ToArray())];
    }

    /// <summary>Validation, tenant, embedding and cache; on a miss, the gate's plan and the budget reservation.</summary>
    private async Task<Admission> AdmitAsync(AskRequest request)
    {
        var started = time.GetTimestamp();
        AskRequestValidator.Validate(request);
        // The kill switch first among the grain calls: a halted cluster starts nothing and reserves nothing.
        _governanceId ??= (await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).GetSettings()).GovernanceId ?? GovernanceIds.Cluster;
        ClusterHaltedException.ThrowIfHalted(await governance.GetAsync(_governanceId));
        TenantSettings? tenant = null;
        if (request.TenantId is { } tenantId) tenant = await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetSettings();
        var policy = ResolvePolicy(request, tenant);
        var options = request.Options ?? RequestOptions.Default;
        var embedding = ImmutableArray.Create(await EmbedAsync(request.Prompt));

        // The router's scars, read at most once and only when a cached answer needs checking.
        ImmutableArray<Scar>? scars = null;
        async Task<bool> ScarredAsync(string expertId)
        {
            scars ??= await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).GetScars();
            return scars.Value.Any(s => s.ExpertId == expertId && ScarRegion.Contains(s.Centroid.AsSpan(), s.Radius, embedding.AsSpan()));
        }

        if (request.TenantId is { } cachedTenant && request.Experts == 1)
        {
            var cached = await GrainFactory.GetGrain<ISurrogateCacheGrain>(cachedTenant).Lookup(request.Prompt, embedding, options.Key);
            // A cached answer from an expert scarred since for this region is not served (SPEC 5.3): the request routes afresh.
            if (cached is not null && !await ScarredAsync(cached.Answer.ExpertId))
                return new Admission(request, policy, embedding, null, null, cached, null);
        }

        // Federated knowledge (SPEC 6): a shared cache entry from a peer this node rates CORE, peers' scars and priors.
        var advice = await AdviseAsync(request.Prompt, embedding, options.Key);
        if (request.Experts == 1 && advice.Cached is { } shared && !advice.Scarred.Contains(shared.Expert) && !await ScarredAsync(shared.Expert))
            return new Admission(request, policy, embedding, null, null, SharedAnswer(shared, policy), null);

        var gate = await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).Gate(embedding);
        if (!advice.Scarred.IsDefaultOrEmpty || !advice.Priors.IsDefaultOrEmpty)
        {
            var predictions = FederationAdviceRule.Apply(gate.Predictions, advice);
            if (predictions.IsEmpty)
                throw new InvalidOperationException(
                    $"Every expert of router '{RouterId}' is scarred for this prompt by this node or its peers ({string.Join(", ", advice.Scarred)}). Nothing was started or charged.");
            gate = gate with { Predictions = predictions, Scarred = [.. (gate.Scarred.IsDefault ? [] : gate.Scarred).Union(advice.Scarred)] };
        }
        if (policy is { Kind: RoutingPolicyKind.Fixed, FixedExpert: { } pinned } && !gate.Scarred.IsDefault && gate.Scarred.Contains(pinned))
            throw new InvalidOperationException(
                $"The fixed expert '{pinned}' is scarred for this prompt's region of router '{RouterId}' (SPEC 5.3) and may not answer it. Nothing was started or charged.");
        var prices = await Prices.GetAsync(gate.Predictions.Select(p => p.ExpertId));
        var inputTokens = TokenEstimate.Of(request.Prompt);
        var plan = RoutingPlanner.Plan(
            gate.Predictions, prices, policy, request.Experts, inputTokens, options.MaxOutputTokens ?? DefaultMaxOutputTokens, gate.Reflex);

        BudgetReservation? reservation = null;
        if (request.TenantId is { } charged) reservation = await GrainFactory.GetGrain<ITenantGrain>(charged).Reserve(request.RequestId, plan.WorstCase);
        MoecraftDiagnostics.RoutingDecisionLatency.Record(time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("router", RouterId));
        return new Admission(request, policy, embedding, gate, plan, null, reservation);
    }

    /// <summary>The node's federation advice for this request; none when federation is off here or the peer grain cannot be reached.</summary>
    private async Task<FederationAdvice> AdviseAsync(string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        if (!federation.Enabled) return FederationAdvice.None;
        try
        {
            return await GrainFactory.GetGrain<IFederationPeerGrain>(silo.Name).Advise(RouterId, prompt, embedding, optionsKey);
        }
        catch (Exception e)
        {
            // Degradation: the request is served on this node's own knowledge.
            LogAdviceFailed(logger, e, RouterId, silo.Name);
            return FederationAdvice.None;
        }
    }

    /// <summary>A peer's shared cache entry as this router's answer: free, flagged as a cache hit.</summary>
    private AskResult SharedAnswer(FederatedAnswer shared, RoutingPolicy policy) => new(
        new RouteDecision(RouterId, 0, [], []),
        new ExpertAnswer(shared.Expert, shared.Text, 0, 0, 0, 0, Simulated: false),
        new RoutingMetadata([shared.Expert], 0, 0, shared.Similarity, CacheHit: true, 0, policy.Kind, 0));

    /// <summary>Tells the router layer an expert failed for this prompt (its scar sentinel); a failed report never fails the request.</summary>
    private async Task ReportFailureAsync(ImmutableArray<float> embedding, string expertId)
    {
        try
        {
            await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).ReportFailure(embedding, expertId);
        }
        catch (Exception e)
        {
            LogFailureReportFailed(logger, e, RouterId, expertId);
        }
    }

    /// <summary>Invocation, coordination and accounting for an admitted request; on failure nothing is charged.</summary>
    private async Task<AskResult> AnswerAsync(Admission admission, long started)
    {
        try
        {
            var answers = await InvokeAsync(admission);
            return await AccountAsync(admission, answers, await CoordinateAsync(admission, answers), started);
        }
        catch (Exception ex)
        {
            await FailAsync(admission, ex, started);
            throw;
        }
    }

    /// <summary>Calls the plan's experts in order until k answered; a failed expert is replaced by the next one.</summary>
    private async Task<List<AnsweredBy>> InvokeAsync(Admission admission)
    {
        var request = ToExpertRequest(admission.Request);
        var answers = new List<AnsweredBy>();
        var failures = new List<string>();
        var next = 0;
        var plan = admission.Plan!;
        var order = plan.Order;
        while (answers.Count < plan.Answering && next < order.Count)
        {
            var wave = order.Skip(next).Take(plan.Answering - answers.Count).ToArray();
            next += wave.Length;
            var calls = wave.Select(async expert =>
            {
                try
                {
                    return new AnsweredBy(expert, await GrainFactory.GetGrain<IExpertGrain>(expert.ExpertId).Invoke(request));
                }
                catch (ExpertCallFailedException ex)
                {
                    lock (failures) failures.Add(ex.Message);
                    LogFailover(logger, RouterId, expert.ExpertId, admission.Request.RequestId);
                    if (!ex.Saturated) await ReportFailureAsync(admission.Embedding, expert.ExpertId);
                    return null;
                }
            });
            answers.AddRange((await Task.WhenAll(calls)).OfType<AnsweredBy>());
        }
        if (answers.Count == 0) throw AllFailed(admission, failures);
        return answers;
    }

    /// <summary>One answer out of several (SPEC 4.6): consensus by embedding agreement, a gate-weighted pick or the best prediction.</summary>
    private async Task<AnsweredBy> CoordinateAsync(Admission admission, List<AnsweredBy> answers)
    {
        if (answers.Count == 1) return answers[0];
        var vectors = await Embed([.. answers.Select(a => a.Answer.Text)]);
        var gates = admission.Gate!.Decision.Selected.ToDictionary(s => s.ExpertId, s => s.Gate, StringComparer.Ordinal);
        var candidates = answers.Select((a, i) => new AnswerCandidate(
            a.Expert.ExpertId, vectors[i], gates.GetValueOrDefault(a.Expert.ExpertId, a.Expert.SuccessMean), a.Expert.SuccessMean)).ToArray();
        var index = admission.Request.Coordination switch
        {
            CoordinationKind.WeightedPick => WeightedPick.Pick(candidates, StableHash.Of(admission.Request.RequestId, RouterId) / (uint.MaxValue + 1.0)),
            CoordinationKind.BestPredicted => BestPredictedQuality.Pick(candidates),
            _ => ConsensusByEmbeddingAgreement.Pick(candidates),
        };
        return answers[index];
    }

    /// <summary>Settles the reservation at the real cost, writes the ledger line and the feedback memory, fills the cache.</summary>
    private async Task<AskResult> AccountAsync(Admission admission, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen, long started)
    {
        var request = admission.Request;
        var cost = answers.Sum(a => a.Answer.Cost);
        var premium = Prices.PremiumCost(
            admission.Gate!.Predictions.Select(p => p.ExpertId), chosen.Answer.InputTokens, chosen.Answer.OutputTokens) * answers.Count;
        var experts = ImmutableArray.CreateRange(answers.OrderBy(a => a != chosen).Select(a => a.Expert.ExpertId));
        var routing = new RoutingMetadata(
            experts, cost, premium, chosen.Expert.SuccessMean, CacheHit: false, admission.Gate.Decision.Epoch, admission.Plan!.Policy,
            Escalations: admission.Plan.Order.ToList().IndexOf(chosen.Expert));
        var result = new AskResult(admission.Gate.Decision, chosen.Answer, routing);

        if (request.TenantId is { } tenant)
        {
            await GrainFactory.GetGrain<ITenantGrain>(tenant).Settle(request.RequestId, cost);
            await ledger.AppendAsync(LedgerLine(admission, routing, answers, started, LedgerOutcome.Answered));
            await GrainFactory.GetGrain<ISurrogateCacheGrain>(tenant).Store(request.Prompt, admission.Embedding, (request.Options ?? RequestOptions.Default).Key, result);
            MoecraftDiagnostics.RequestCost.Add((double)cost, new KeyValuePair<string, object?>("tenant", tenant));
            MoecraftDiagnostics.RequestSavings.Add((double)routing.Savings, new KeyValuePair<string, object?>("tenant", tenant));
        }
        await RememberAsync(request, experts);

        if (answers.Count == 1 && IsShadowed(request.RequestId)) StartShadow(admission, chosen);
        return result;
    }

    private async Task<AskResult> AnswerFromCacheAsync(Admission admission, AskResult cached, long started)
    {
        var request = admission.Request;
        var routing = (cached.Routing ?? new RoutingMetadata([cached.Answer.ExpertId], 0, 0, 0, false, cached.Decision.Epoch, admission.Policy.Kind, 0)) with
        {
            Cost = 0,
            CacheHit = true,
            Escalations = 0,
        };
        var answer = cached.Answer with { Cost = 0, LatencyMs = (long)time.GetElapsedTime(started).TotalMilliseconds };
        var result = new AskResult(cached.Decision, answer, routing);
        if (request.TenantId is { } tenant)
        {
            await ledger.AppendAsync(LedgerLine(admission, routing, [], started, LedgerOutcome.Answered));
            MoecraftDiagnostics.RequestSavings.Add((double)routing.Savings, new KeyValuePair<string, object?>("tenant", tenant));
        }
        await RememberAsync(request, routing.Experts);
        return result;
    }

    /// <summary>What feedback on this request will need, under the tenant's key.</summary>
    private Task RememberAsync(AskRequest request, ImmutableArray<string> experts) =>
        GrainFactory.GetGrain<IAnsweredRequestGrain>(IAnsweredRequestGrain.Key(request.TenantId ?? OpenTenant, request.RequestId))
            .Remember(new AnsweredRequest(RouterId, request.Prompt, experts, time.GetUtcNow()));

    /// <summary>Nothing is charged for a failed request: the reservation is released and the failure is on the ledger.</summary>
    private async Task FailAsync(Admission admission, Exception error, long started)
    {
        if (admission.Request.TenantId is not { } tenant || admission.Reservation is null) return;
        try
        {
            await GrainFactory.GetGrain<ITenantGrain>(tenant).Release(admission.Request.RequestId);
            var routing = new RoutingMetadata([], 0, 0, 0, false, admission.Gate?.Decision.Epoch ?? 0, admission.Policy.Kind, 0);
            await ledger.AppendAsync(LedgerLine(admission, routing, [], started, LedgerOutcome.Failed));
        }
        catch (Exception releaseError)
        {
            LogReleaseFailed(logger, releaseError, RouterId, admission.Request.RequestId, error.Message);
        }
    }

    private LedgerEntry LedgerLine(Admission admission, RoutingMetadata routing, IReadOnlyList<AnsweredBy> answers, long started, LedgerOutcome outcome)
    {
        var byExpert = answers.ToDictionary(a => a.Expert.ExpertId, StringComparer.Ordinal);
        return new LedgerEntry(
            admission.Request.TenantId!,
            admission.Request.RequestId,
            time.GetUtcNow(),
            RouterId,
            (int)routing.Epoch,
            routing.Experts,
            [.. routing.Experts.Select(e => byExpert.TryGetValue(e, out var a) ? a.Expert.SuccessMean : routing.Confidence)],
            routing.Confidence,
            RoutingPolicyNames.Of(admission.Policy),
            answers.Sum(a => a.Answer.InputTokens),
            answers.Sum(a => a.Answer.OutputTokens),
            routing.Cost,
            routing.PremiumCost,
            (long)time.GetElapsedTime(started).TotalMilliseconds,
            routing.CacheHit,
            outcome);
    }

    /// <summary>Whether a request id is in the shadow sample (deterministic, so a retried request is sampled alike).</summary>
    public static bool IsShadowed(string requestId) => StableHash.Of(requestId, "shadow") % 10_000 < ShadowRate * 10_000;

    /// <summary>
    /// Shadow sampling (SPEC 3.7, k = 1): the same prompt to a second expert, off the request path and at Moecraft's
    /// expense (not the tenant's); both answers' embeddings become one trace for the router layer's coherence clocks.
    /// </summary>
    private void StartShadow(Admission admission, AnsweredBy chosen)
    {
        var gate = admission.Gate!;
        var shadow = gate.Decision.Selected.FirstOrDefault(s => s.ExpertId != chosen.Expert.ExpertId) is { } selected
            ? gate.Predictions.FirstOrDefault(p => p.ExpertId == selected.ExpertId)
            : gate.Predictions.Where(p => p.ExpertId != chosen.Expert.ExpertId).MaxBy(p => p.SuccessMean);
        if (shadow is null) return;

        var request = ToExpertRequest(admission.Request) with { RequestId = admission.Request.RequestId + "/shadow" };
        _ = ShadowAsync();

        async Task ShadowAsync()
        {
            try
            {
                var answer = await GrainFactory.GetGrain<IExpertGrain>(shadow.ExpertId).Invoke(request);
                var vectors = await Embed([chosen.Answer.Text, answer.Text]);
                var gates = gate.Decision.Selected.ToDictionary(s => s.ExpertId, s => s.Gate, StringComparer.Ordinal);
                var width = (await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).GetSnapshot()).Configuration.Width;
                var trace = ShadowTrace.Build(
                    width, chosen.Expert.Slot, shadow.Slot,
                    gates.GetValueOrDefault(chosen.Expert.ExpertId, 0.5), gates.GetValueOrDefault(shadow.ExpertId, 0.5),
                    vectors[0], vectors[1], gate.LogitStd);
                await GrainFactory.GetGrain<IRouterLayerGrain>(RouterId).ObserveTrace(trace);
            }
            catch (Exception ex)
            {
                LogShadowFailed(logger, ex, RouterId, shadow.ExpertId, admission.Request.RequestId);
            }
        }
    }

    private static RoutingPolicy ResolvePolicy(AskRequest request, TenantSettings? tenant)
    {
        var target = request.Policy?.QualityTarget ?? tenant?.QualityTarget ?? DefaultQualityTarget;
        if (request.Policy is { } policy) return policy with { QualityTarget = target };
        return tenant is null
            ? new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target)
            : RoutingPolicyNames.Parse(tenant.RoutingPolicy, target);
    }

    private async Task<float[]> EmbedAsync(string text) => (await embeddings.GenerateAsync([text]))[0].Vector.ToArray();

    private static ExpertRequest ToExpertRequest(AskRequest request) => new(request.RequestId, request.Prompt, request.Options);

    private ExpertCallFailedException AllFailed(Admission admission, List<string> failures) => new(
        admission.Plan?.Order.LastOrDefault()?.ExpertId ?? string.Empty,
        $"Every expert the {admission.Policy.Kind} policy offered failed for request '{admission.Request.RequestId}': {string.Join("; ", failures)}");

    private Activity? StartActivity(AskRequest request)
    {
        var activity = MoecraftDiagnostics.ActivitySource.StartActivity("moecraft.ask", ActivityKind.Internal);
        activity?.SetTag("moecraft.router", RouterId);
        activity?.SetTag("moecraft.request_id", request?.RequestId);
        activity?.SetTag("moecraft.tenant", request?.TenantId);
        return activity;
    }

    /// <summary>What admission decided for one request.</summary>
    private sealed record Admission(
        AskRequest Request, RoutingPolicy Policy, ImmutableArray<float> Embedding, GateReport? Gate, RoutingPlan? Plan, AskResult? Cached,
        BudgetReservation? Reservation);

    /// <summary>An expert of the plan and the answer it gave.</summary>
    private sealed record AnsweredBy(PlannedExpert Expert, ExpertAnswer Answer);
}

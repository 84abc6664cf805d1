using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Requests;

/// <summary>
/// Accounting (SPEC 4.7) for one router: settles a tenant's reservation at the real cost, writes the ledger line, fills
/// the cache and remembers the request for feedback; on failure releases the reservation, so nothing is charged.
/// Requests without a tenant are only remembered.
/// </summary>
public sealed partial class ChatAccounting(string routerId, IGrainFactory grains, ILedger ledger, ExpertPriceList prices, TimeProvider time, ILogger logger)
{
    /// <summary>Where requests without a tenant are remembered for feedback.</summary>
    public const string OpenTenant = "_open";

    public async Task<AskResult> AccountAsync(PlannedAdmission admission, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen)
    {
        var request = admission.Request;
        var cost = answers.Sum(a => a.Answer.Cost);
        var premium = prices.PremiumCost(
            admission.Gate.Predictions.Select(p => p.ExpertId), chosen.Answer.InputTokens, chosen.Answer.OutputTokens) * answers.Count;
        var experts = ImmutableArray.CreateRange(answers.OrderBy(a => a != chosen).Select(a => a.Expert.ExpertId));
        var routing = new RoutingMetadata(
            experts, cost, premium, chosen.Expert.SuccessMean, CacheHit: false, admission.Gate.Decision.Epoch, admission.Plan.Policy,
            Escalations: admission.Plan.Order.ToList().IndexOf(chosen.Expert));
        var result = new AskResult(admission.Gate.Decision, chosen.Answer, routing);

        // Settlement and the feedback memory are independent durable writes: they run together, and the answer is
        // acknowledged only after both. The ledger line, the cost event and the cache follow a successful settlement.
        var remember = RememberAsync(request, experts);
        if (request.TenantId is not { } tenant)
        {
            await remember;
            return result;
        }
        await Task.WhenAll(grains.GetGrain<ITenantGrain>(tenant).Settle(request.RequestId, cost), remember);
        await Task.WhenAll(
            AppendAndPublishAsync(tenant, LedgerLine(admission, routing, answers, LedgerOutcome.Answered)),
            grains.GetGrain<ISurrogateCacheGrain>(tenant).Store(request.RoutingText, admission.Embedding, request.EffectiveOptions.Key, result));
        MoecraftDiagnostics.RequestCost.Add((double)cost, new KeyValuePair<string, object?>("tenant", tenant));
        MoecraftDiagnostics.RequestSavings.Add((double)routing.Savings, new KeyValuePair<string, object?>("tenant", tenant));
        return result;
    }

    public async Task<AskResult> AnswerFromCacheAsync(CachedAdmission admission)
    {
        var request = admission.Request;
        var cached = admission.Cached;
        var routing = (cached.Routing ?? new RoutingMetadata([cached.Answer.ExpertId], 0, 0, 0, false, cached.Decision.Epoch, admission.Policy.Kind, 0)) with
        {
            Cost = 0,
            CacheHit = true,
            Escalations = 0,
        };
        var answer = cached.Answer with { Cost = 0, LatencyMs = (long)time.GetElapsedTime(admission.Started).TotalMilliseconds };
        var result = new AskResult(cached.Decision, answer, routing);
        if (request.TenantId is { } tenant)
        {
            await AppendAndPublishAsync(tenant, LedgerLine(admission, routing, [], LedgerOutcome.Answered));
            MoecraftDiagnostics.RequestSavings.Add((double)routing.Savings, new KeyValuePair<string, object?>("tenant", tenant));
        }
        await RememberAsync(request, routing.Experts);
        return result;
    }

    /// <summary>Nothing is charged for a failed request: the reservation is released and the failure is on the ledger.</summary>
    public async Task FailAsync(PlannedAdmission admission, Exception error)
    {
        if (admission.Request.TenantId is not { } tenant || admission.Reservation is null) return;
        try
        {
            await grains.GetGrain<ITenantGrain>(tenant).Release(admission.Request.RequestId);
            var routing = new RoutingMetadata([], 0, 0, 0, false, admission.Gate.Decision.Epoch, admission.Policy.Kind, 0);
            await ledger.AppendAsync(LedgerLine(admission, routing, [], LedgerOutcome.Failed));
        }
        catch (Exception releaseError)
        {
            LogReleaseFailed(logger, releaseError, routerId, admission.Request.RequestId, error.Message);
        }
    }

    /// <summary>Queues the ledger line and tells the tenant's live cost stream (one-way: a slow subscriber never holds a request).</summary>
    private async Task AppendAndPublishAsync(string tenant, LedgerEntry line)
    {
        await ledger.AppendAsync(line);
        grains.GetGrain<ICostStreamGrain>(tenant).Publish(CostEvent.From(line)).Ignore();
    }

    /// <summary>What feedback on this request will need, under the tenant's key.</summary>
    private Task RememberAsync(AskRequest request, ImmutableArray<string> experts) =>
        grains.GetGrain<IAnsweredRequestGrain>(IAnsweredRequestGrain.Key(request.TenantId ?? OpenTenant, request.RequestId))
            .Remember(new AnsweredRequest(routerId, request.RoutingText, experts, time.GetUtcNow()));

    private LedgerEntry LedgerLine(Admission admission, RoutingMetadata routing, IReadOnlyList<AnsweredBy> answers, LedgerOutcome outcome)
    {
        var byExpert = answers.ToDictionary(a => a.Expert.ExpertId, StringComparer.Ordinal);
        return new LedgerEntry(
            admission.Request.TenantId!,
            admission.Request.RequestId,
            time.GetUtcNow(),
            routerId,
            (int)routing.Epoch,
            routing.Experts,
            [.. routing.Experts.Select(e => byExpert.TryGetValue(e, out var a) ? a.Expert.SuccessMean : routing.Confidence)],
            routing.Confidence,
            RoutingPolicyNames.Of(admission.Policy),
            answers.Sum(a => a.Answer.InputTokens),
            answers.Sum(a => a.Answer.OutputTokens),
            routing.Cost,
            routing.PremiumCost,
            (long)time.GetElapsedTime(admission.Started).TotalMilliseconds,
            routing.CacheHit,
            outcome);
    }
}

using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Requests;

/// <summary>
/// Accounting (SPEC 4.7) for one router. A request's ledger line (its charge) and its answer are one durable unit keyed
/// by tenant and request id (<see cref="Settlement"/>), committed before the caller is told: an acknowledged answer is on
/// disk, and a second commit under the same id writes nothing, so a request is charged at most once. What follows the
/// commit (telling the tenant, the cache, the cost stream) can fail without failing the answer: the tenant closes its
/// reservation from the ledger when the lease runs out. On failure a Failed line is committed and the reservation
/// released, so nothing is charged. Requests without a tenant only keep their answer (for feedback).
/// </summary>
public sealed partial class ChatAccounting(string routerId, IGrainFactory grains, ILedger ledger, ExpertPriceList prices, TimeProvider time, ILogger logger)
{
    /// <summary>Where requests without a tenant are remembered for feedback.</summary>
    public const string OpenTenant = StoredAnswer.OpenTenant;

    /// <param name="answers">Every answer paid for, in call order (a cascade that escalated by its answer: each stage's, the chosen last).</param>
    public async Task<AskResult> AccountAsync(PlannedAdmission admission, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen)
    {
        var request = admission.Request;
        var cost = answers.Sum(a => a.Answer.Cost);
        // What always-premium would have cost for the answers the caller asked for (k), not for the stages an escalation paid.
        var premium = prices.PremiumCost(
            admission.Gate.Predictions.Select(p => p.ExpertId), chosen.Answer.InputTokens, chosen.Answer.OutputTokens) * Math.Min(answers.Count, admission.Plan.Answering);
        var experts = ImmutableArray.CreateRange(answers.OrderBy(a => a != chosen).Select(a => a.Expert.ExpertId));
        var routing = new RoutingMetadata(
            experts, cost, premium, chosen.Expert.SuccessMean, CacheHit: false, admission.Gate.Decision.Epoch, admission.Plan.Policy,
            Escalations: Escalations(admission.Plan, answers, chosen));
        var result = new AskResult(admission.Gate.Decision, chosen.Answer, routing);

        var line = request.TenantId is null ? null : LedgerLine(admission, routing, answers, LedgerOutcome.Answered);
        var commit = await ledger.CommitAsync(new Settlement(line, Stored(request, experts, result)));
        if (!commit.Written) return await RepeatedAsync(admission, commit);
        if (request.TenantId is not { } tenant) return result;

        // Acknowledged and charged from here on: nothing below may turn the answer into an error.
        // A request that pins an expert bypasses the semantic cache both ways (ChatAdmission does not look it up either).
        await Task.WhenAll(
            SettleAsync(tenant, request.RequestId, cost),
            admission.Policy.PinsExpert ? Task.CompletedTask : CacheAsync(tenant, request, admission.Embedding, result));
        grains.Reference<ICostStreamGrain>(tenant).Publish(CostEvent.From(line!)).Ignore();
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
        var line = request.TenantId is null ? null : LedgerLine(admission, routing, [], LedgerOutcome.Answered);
        var commit = await ledger.CommitAsync(new Settlement(line, Stored(request, routing.Experts, result)));
        if (!commit.Written) return await RepeatedAsync(admission, commit);
        if (request.TenantId is { } tenant)
        {
            grains.Reference<ICostStreamGrain>(tenant).Publish(CostEvent.From(line!)).Ignore();
            MoecraftDiagnostics.RequestSavings.Add((double)routing.Savings, new KeyValuePair<string, object?>("tenant", tenant));
        }
        return result;
    }

    /// <summary>A request id the tenant already finished: the stored answer, charged nothing again.</summary>
    public async Task<AskResult> AnswerRepeatedAsync(RepeatedAdmission admission) =>
        await RepeatedAsync(admission, new LedgerCommit(false, await ledger.FindAsync(admission.Request.TenantId!, admission.Request.RequestId)));

    /// <summary>
    /// Nothing is charged for a failed request: a Failed line closes its id (a late answer under it can no longer be
    /// charged), then the tenant is told. When the id already holds another attempt's answered line, that line stands
    /// and is what the tenant counts. If telling the tenant fails, the reservation closes at its lease.
    /// </summary>
    public async Task FailAsync(PlannedAdmission admission, Exception error)
    {
        if (admission.Request.TenantId is not { } tenant || admission.Reservation is null) return;
        try
        {
            var routing = new RoutingMetadata([], 0, 0, 0, false, admission.Gate.Decision.Epoch, admission.Policy.Kind, 0);
            var failed = LedgerLine(admission, routing, [], LedgerOutcome.Failed);
            var commit = await ledger.CommitAsync(new Settlement(failed, null));
            await CloseAsync(tenant, admission.Request.RequestId, commit.Existing ?? failed);
        }
        catch (Exception releaseError)
        {
            LogReleaseFailed(logger, releaseError, routerId, admission.Request.RequestId, error.Message);
        }
    }

    /// <summary>
    /// The request id was taken when this attempt committed (a retry, or the same id sent twice at once): the first
    /// attempt's line decides. The tenant is told it (charged if it answered, released if it failed; a tenant that already
    /// knows answers as before), and the caller gets the first attempt's stored answer, or a clear error when it failed.
    /// </summary>
    private async Task<AskResult> RepeatedAsync(Admission admission, LedgerCommit commit)
    {
        var request = admission.Request;
        if (request.TenantId is { } tenant && commit.Existing is { } first) await CloseAsync(tenant, request.RequestId, first);
        if (commit.Existing is { Outcome: not LedgerOutcome.Answered })
            throw new InvalidOperationException(
                $"Request '{request.RequestId}' already ended without an answer (nothing was charged); send it again with a new request id.");
        var stored = await ledger.RecallAsync(request.TenantId ?? OpenTenant, request.RequestId);
        return stored?.Result ?? throw new InvalidOperationException(
            $"Request '{request.RequestId}' was already answered, but its stored answer cannot be read; use a new request id.");
    }

    /// <summary>Tells the tenant how the request's id ended on the ledger: charged if that line answered, else released.</summary>
    private async Task CloseAsync(string tenant, string requestId, LedgerEntry line)
    {
        if (line.Outcome == LedgerOutcome.Answered)
        {
            await SettleAsync(tenant, requestId, line.Cost);
            return;
        }
        try
        {
            await grains.Reference<ITenantGrain>(tenant).Release(requestId);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, routerId, requestId, "its id ended without an answer");
        }
    }

    private async Task SettleAsync(string tenant, string requestId, decimal cost)
    {
        try
        {
            await grains.Reference<ITenantGrain>(tenant).Settle(requestId, cost);
        }
        catch (Exception ex)
        {
            LogSettleFailed(logger, ex, routerId, requestId, tenant);
        }
    }

    private async Task CacheAsync(string tenant, AskRequest request, ImmutableArray<float> embedding, AskResult result)
    {
        try
        {
            await grains.Reference<ISurrogateCacheGrain>(tenant).Store(request.RoutingText, embedding, request.EffectiveOptions.Key, result);
        }
        catch (Exception ex)
        {
            LogCacheFailed(logger, ex, routerId, request.RequestId);
        }
    }

    /// <summary>
    /// For one answer: the stages the plan moved past, the failovers before the first answer plus each escalation after an
    /// answer (every answer but the first). With several answers: the chosen one's place in the plan.
    /// </summary>
    private static int Escalations(RoutingPlan plan, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen)
    {
        var order = plan.Order.ToList();
        return plan.Answering == 1 ? order.IndexOf(answers[0].Expert) + answers.Count - 1 : order.IndexOf(chosen.Expert);
    }

    private StoredAnswer Stored(AskRequest request, ImmutableArray<string> experts, AskResult result) =>
        new(request.TenantId ?? OpenTenant, request.RequestId, routerId, request.RoutingText, experts, time.GetUtcNow(), result);

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

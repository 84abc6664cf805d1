using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Invocation with failover (SPEC 4.5) for one router: calls the plan's experts in order until k answered; an expert
/// that fails is replaced by the next one only before any of its output reached the caller, and is reported to the
/// router layer's scar sentinel (unless it was only saturated). When every expert failed, throws <see cref="ExpertCallFailedException"/> naming each failure.
/// </summary>
public sealed partial class ExpertInvoker(string routerId, IGrainFactory grains, IEmbeddingGenerator<string, Embedding<float>> embeddings, ILogger logger)
{
    /// <summary>The temperature a consistency sample is drawn at, at least: a common default for sampled reasoning.</summary>
    public const double SampleTemperature = 0.7;

    public async Task<List<AnsweredBy>> InvokeAsync(PlannedAdmission admission)
    {
        var request = ToExpertRequest(admission.Request);
        var answers = new List<AnsweredBy>();
        var failures = new List<ExpertCallFailedException>();
        var next = 0;
        var plan = admission.Plan;
        var order = plan.Order;
        while (answers.Count < plan.Answering && next < order.Count)
        {
            var wave = order.Skip(next).Take(plan.Answering - answers.Count).ToArray();
            next += wave.Length;
            var calls = wave.Select(expert => CallAsync(admission, request, expert, failures));
            answers.AddRange((await Task.WhenAll(calls)).OfType<AnsweredBy>());
        }
        if (answers.Count == 0) throw AllFailed(admission, failures);
        return answers;
    }

    /// <summary>
    /// One more call of the plan, after an answer (a cascade's escalation): the expert's answer, or null when it failed (the
    /// failure is reported as a failover is; the answer already given stands).
    /// </summary>
    public Task<AnsweredBy?> InvokeAsync(PlannedAdmission admission, PlannedExpert expert) =>
        CallAsync(admission, ToExpertRequest(admission.Request), expert, []);

    /// <summary>
    /// Another answer of an expert that answered, for a consistency check: the same request at a sampling temperature (the
    /// request's own when higher than <see cref="SampleTemperature"/>), so a model that is unsure can answer otherwise; null
    /// when the call failed (reported as a failover is).
    /// </summary>
    public Task<AnsweredBy?> SampleAsync(PlannedAdmission admission, PlannedExpert expert)
    {
        var request = ToExpertRequest(admission.Request);
        var options = request.Options ?? new RequestOptions();
        return CallAsync(admission, request with { Options = options with { Temperature = Math.Max(options.Temperature ?? 0, SampleTemperature) } }, expert, []);
    }

    private async Task<AnsweredBy?> CallAsync(PlannedAdmission admission, ExpertRequest request, PlannedExpert expert, List<ExpertCallFailedException> failures)
    {
        try
        {
            return new AnsweredBy(expert, await grains.Reference<IExpertGrain>(expert.ExpertId).Invoke(request));
        }
        catch (ExpertCallFailedException ex)
        {
            lock (failures) failures.Add(ex);
            await FailedOverAsync(admission, expert.ExpertId, ex.Saturated);
            return null;
        }
    }

    /// <summary>
    /// Streams the first expert of the plan that answers: text deltas (<see cref="StreamedPiece.Delta"/>), then its whole
    /// answer (<see cref="StreamedPiece.Answer"/>). Fails over only while nothing was streamed; a break after output throws.
    /// </summary>
    public async IAsyncEnumerable<StreamedPiece> StreamAsync(PlannedAdmission admission, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToExpertRequest(admission.Request);
        var failures = new List<ExpertCallFailedException>();
        foreach (var expert in admission.Plan.Order)
        {
            var stream = grains.Reference<IExpertGrain>(expert.ExpertId).InvokeStreaming(request).GetAsyncEnumerator(cancellationToken);
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
                        failures.Add(ex);
                        await FailedOverAsync(admission, expert.ExpertId, ex.Saturated);
                        break;
                    }

                    if (chunk.Final is { } answer) final = answer;
                    else if (chunk.Delta.Length > 0)
                    {
                        streamed = true;
                        yield return new StreamedPiece(chunk.Delta, null);
                    }
                }
            }
            finally
            {
                await stream.DisposeAsync();
            }

            if (final is null) continue;
            yield return new StreamedPiece(null, new AnsweredBy(expert, final));
            yield break;
        }
        throw AllFailed(admission, failures);
    }

    /// <summary>The expert's request always carries an output cap: the one the budget reservation was made for.</summary>
    public static ExpertRequest ToExpertRequest(AskRequest request) =>
        new(request.RequestId, request.Prompt, request.EffectiveOptions with { MaxOutputTokens = request.EffectiveOptions.OutputCap }, request.Messages);

    /// <summary>Tells the router layer an expert failed for this prompt (its scar sentinel); a failed report never fails the request.</summary>
    private async Task FailedOverAsync(PlannedAdmission admission, string expertId, bool saturated)
    {
        LogFailover(logger, routerId, expertId, admission.Request.RequestId);
        // A busy expert is no evidence of failing in this region: no report to the scar sentinel.
        if (saturated) return;
        try
        {
            // A pinned request may have been admitted without its embedding: the sentinel needs the prompt's region.
            var embedding = admission.Embedding.IsDefault
                ? ImmutableArray.Create((await embeddings.GenerateAsync([admission.Request.RoutingText]))[0].Vector.ToArray())
                : admission.Embedding;
            await grains.Reference<IRouterLayerGrain>(routerId).ReportFailure(embedding, expertId);
        }
        catch (Exception e)
        {
            LogFailureReportFailed(logger, e, routerId, expertId);
        }
    }

    /// <summary>
    /// The request's failure once no expert answered. When a provider refused the request itself (too long, filtered), its
    /// status and code are the request's: the caller must hear why, not just that the upstream failed.
    /// </summary>
    private static ExpertCallFailedException AllFailed(PlannedAdmission admission, List<ExpertCallFailedException> failures)
    {
        var rejected = failures.FirstOrDefault(f => f.RequestRejected);
        return new(
            rejected?.ExpertId ?? admission.Plan.Order.LastOrDefault()?.ExpertId ?? string.Empty,
            $"Every expert the {admission.Policy.Kind} policy offered failed for request '{admission.Request.RequestId}': {string.Join("; ", failures.Select(f => f.Message))}",
            rejected?.ProviderStatus,
            rejected?.ProviderCode);
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Shadow sampling (SPEC 3.7, k = 1): for a deterministic share of requests the same conversation goes to a second expert,
/// off the request path and at Moecraft's expense (not the tenant's), never for a pinned (fixed) request; both answers' embeddings become one trace for the
/// router layer's coherence clocks, so they run on the LLM path too.
/// </summary>
public sealed partial class ShadowSampling(string routerId, IGrainFactory grains, IEmbeddingGenerator<string, Embedding<float>> embeddings, ILogger logger)
{
    /// <summary>Share of k = 1 requests that also go to a shadow expert.</summary>
    public const double Rate = 0.05;

    /// <summary>Whether a request id is in the shadow sample (deterministic, so a retried request is sampled alike).</summary>
    public static bool IsShadowed(string requestId) => StableHash.Of(requestId, "shadow") % 10_000 < Rate * 10_000;

    /// <summary>Starts the shadow call for a sampled request and returns at once; a failed shadow only costs a trace.</summary>
    public void MaybeStart(PlannedAdmission admission, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen)
    {
        // A caller who pinned an expert asked for that expert alone: its conversation goes nowhere else.
        if (answers.Count != 1 || admission.Plan.Policy == RoutingPolicyKind.Fixed || !IsShadowed(admission.Request.RequestId)) return;
        var gate = admission.Gate;
        var shadow = gate.Decision.Selected.FirstOrDefault(s => s.ExpertId != chosen.Expert.ExpertId) is { } selected
            ? gate.Predictions.FirstOrDefault(p => p.ExpertId == selected.ExpertId)
            : gate.Predictions.Where(p => p.ExpertId != chosen.Expert.ExpertId).MaxBy(p => p.SuccessMean);
        if (shadow is null) return;
        _ = ShadowAsync(admission, chosen, shadow);
    }

    private async Task ShadowAsync(PlannedAdmission admission, AnsweredBy chosen, ExpertPrediction shadow)
    {
        var gate = admission.Gate;
        var request = ExpertInvoker.ToExpertRequest(admission.Request) with { RequestId = admission.Request.RequestId + "/shadow" };
        try
        {
            var answer = await grains.Reference<IExpertGrain>(shadow.ExpertId).Invoke(request);
            var vectors = await embeddings.GenerateAsync([chosen.Answer.Text, answer.Text]);
            var gates = gate.Decision.Selected.ToDictionary(s => s.ExpertId, s => s.Gate, StringComparer.Ordinal);
            var router = grains.Reference<IRouterLayerGrain>(routerId);
            var width = (await router.GetSnapshot()).Configuration.Width;
            var trace = ShadowTrace.Build(
                width, chosen.Expert.Slot, shadow.Slot,
                gates.GetValueOrDefault(chosen.Expert.ExpertId, 0.5), gates.GetValueOrDefault(shadow.ExpertId, 0.5),
                vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray(), gate.LogitStd);
            await router.ObserveTrace(trace);
        }
        catch (Exception ex)
        {
            LogShadowFailed(logger, ex, routerId, shadow.ExpertId, admission.Request.RequestId);
        }
    }
}

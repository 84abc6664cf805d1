using System.Collections.Immutable;
using Moecraft.Routing;
using Moecraft.Torch.Moe;

namespace Moecraft.Torch.Training;

/// <summary>
/// The Moecraft controller in the training loop (SPEC 3.7): after each step every MoE layer's trace summary goes to its
/// router layer grain, and the <c>beta</c> the grain returns selects the next step's experts. A slot the layer's
/// lifecycle has taken out of routing gets a bias that keeps it from ever being selected.
/// </summary>
public sealed class RouterLayerBiasController(IGrainFactory grains, IReadOnlyList<string> routerIds) : ISelectionBiasController
{
    /// <summary>Far below any logit: a masked slot is never in the top-k.</summary>
    public const float MaskedBias = -1e9f;

    private TraceObservation[] _last = [];

    /// <summary>What each layer grain answered after the last step.</summary>
    public IReadOnlyList<TraceObservation> LastObservations => _last;

    /// <summary>
    /// Creates (or finds) one neural router layer per MoE layer, named <c>{prefix}/layer{i}</c>, with experts
    /// <c>layer{i}-e{j}</c> in slots 0..E-1.
    /// </summary>
    public static async Task<RouterLayerBiasController> CreateAsync(
        IGrainFactory grains, string prefix, int layers, int experts, int dimension, int topK, RouterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(settings);
        var ids = Enumerable.Range(0, layers).Select(i => $"{prefix}/layer{i}").ToArray();
        for (var layer = 0; layer < layers; layer++)
        {
            var router = grains.GetGrain<IRouterLayerGrain>(ids[layer]);
            await router.Configure(RouterConfiguration.Default with { Width = experts, InputDimension = dimension, TopK = topK });
            for (var e = 0; e < experts; e++) await router.RegisterExpert($"layer{layer}-e{e}");
            await router.UpdateSettings(settings with { Kind = RouterKind.NeuralLayer });
        }
        return new RouterLayerBiasController(grains, ids);
    }

    public async ValueTask<IReadOnlyList<float[]?>> AfterStepAsync(MoeStepObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Layers.Count != routerIds.Count)
            throw new ArgumentException($"The model has {observation.Layers.Count} MoE layers but the controller has {routerIds.Count} routers.", nameof(observation));

        _last = await Task.WhenAll(observation.Layers.Select((layer, i) =>
            grains.GetGrain<IRouterLayerGrain>(routerIds[i]).ObserveTrace(ToContract(layer) with
            {
                Ablations = [.. observation.Ablations.Where(a => a.Layer == i)
                    .Select(a => new AblationMeasurement(a.Expert, a.BaselineLoss, a.MaskedLoss, a.Batches))],
            })));

        return [.. _last.Select(answer =>
        {
            var bias = answer.Bias.ToArray();
            for (var e = 0; e < bias.Length; e++)
                if (!answer.Active[e]) bias[e] = MaskedBias;
            return (float[]?)bias;
        })];
    }

    /// <summary>The prune candidates each layer's grain asked to have ablated (SPEC 3.6).</summary>
    public IReadOnlyList<ExpertAblationRequest> WantedAblations =>
        [.. _last.SelectMany((answer, layer) => answer.AblationWanted.IsDefault ? [] : answer.AblationWanted.Select(e => new ExpertAblationRequest(layer, e)))];

    /// <summary>The reducer's arrays as the grain contract; the layer input is both the gate input and the output width.</summary>
    public static TraceSummary ToContract(MoeTraceSummary summary) => new(
        summary.Units,
        summary.TopK,
        summary.Dimension,
        [.. summary.Counts],
        [.. summary.ExpertOutputSums],
        [.. summary.MixtureSums],
        [.. summary.LeaveOneOutSums],
        summary.LogitStd,
        [.. summary.SampledClean],
        [.. summary.SampledBiased],
        summary.Dimension,
        [.. summary.SampledInputs],
        ImmutableArray.Create(summary.SampledInputExperts));
}

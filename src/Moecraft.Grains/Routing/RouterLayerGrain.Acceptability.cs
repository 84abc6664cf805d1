using System.Collections.Immutable;
using Moecraft.Gating;
using Moecraft.Torch.LlmGating;

namespace Moecraft.Routing;

/// <summary>
/// The answer-acceptability predictor (issue 14): a success predictor over the prompt and one answer to it
/// (<see cref="AnswerFeatures"/>), learned from scores of stored answers and persisted with the layer. The request path's
/// cascade asks it about its cheaper stage's answer and escalates when it is low. The features come computed with each
/// call: embedding an answer is slow and happens outside this grain's turn.
/// </summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>Scored answers of an expert the predictor needs before it judges that expert's answers: the gain head's minimum.</summary>
    public static readonly long AcceptabilityMinimumSamples = new GainPredictorOptions().MinimumSamples;

    private SuccessPredictor? _acceptability;

    // What _acceptability stands for, as _predictorOf does for the gate's predictor: a failed write leaves it to be rebuilt.
    private (SuccessPredictorRecord? Record, int EmbedderEpoch) _acceptabilityOf;

    public Task<double?> PredictAcceptability(ImmutableArray<float> answer, string expertId)
    {
        var configuration = RequireConfigured();
        RouterInputs.RequireFinite(answer, AnswerFeatures.Dimension(configuration.InputDimension), "Answer");
        RequireRosterExpert(expertId);
        if (!JudgesAnswersOf(expertId)) return Task.FromResult<double?>(null);
        var estimate = Acceptability(configuration).Predict([.. answer]).First(e => e.ExpertId == expertId);
        return Task.FromResult<double?>(estimate.Mean);
    }

    private SuccessPredictor Acceptability(RouterConfiguration configuration) => OverState(
        ref _acceptability, ref _acceptabilityOf, state.State.Acceptability, configuration,
        AnswerFeatures.Dimension(configuration.InputDimension), AnswerFeatures.StatisticsWidth);

    private bool JudgesAnswersOf(string expertId) => state.State.AcceptabilitySamples.GetValueOrDefault(expertId) >= AcceptabilityMinimumSamples;

    /// <summary>The predicted experts whose answers the predictor judges, as the gate reports them.</summary>
    private EquatableArray<string> AnswerAwareAmong(IEnumerable<ExpertPrediction> predictions) =>
        [.. predictions.Select(p => p.ExpertId).Where(JudgesAnswersOf)];

    /// <summary>Puts what <paramref name="acceptability"/> learned from one of <paramref name="expertId"/>'s answers into the next state.</summary>
    private void LearnedAcceptability(RouterLayerState next, SuccessPredictor acceptability, string expertId)
    {
        next.Acceptability = SuccessPredictorRecord.From(acceptability.ExportState());
        _acceptabilityOf = (next.Acceptability, next.EmbedderEpoch);
        next.AcceptabilitySamples[expertId] = next.AcceptabilitySamples.GetValueOrDefault(expertId) + 1;
    }
}

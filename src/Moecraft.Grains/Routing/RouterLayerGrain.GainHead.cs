using Moecraft.Gating;

namespace Moecraft.Routing;

/// <summary>
/// The gain head (issue 14): learns, from feedback that scores two experts on one prompt, how much better one's answer is
/// than the other's, on the same features as the success predictor. Persisted with the layer beside the predictor.
/// </summary>
public sealed partial class RouterLayerGrain
{
    private GainPredictor? _gainHead;

    // The persisted record _gainHead was built from or written as: when a write fails the state no longer matches and the
    // head is rebuilt from the state, as the success predictor is.
    private GainPredictorRecord? _gainHeadOf;

    // What _gainHeadOf holds between a step of the head and the write of its record: never the state's, so a write that
    // does not happen leaves the head to be rebuilt.
    private static readonly GainPredictorRecord Unwritten = new();

    /// <summary>The gain head over the persisted state; a fresh one when there is none or its width is not the predictor's.</summary>
    private GainPredictor GainHead(int dimension)
    {
        if (_gainHead is null || !ReferenceEquals(_gainHeadOf, state.State.GainHead) || _gainHead.Dimension != dimension)
        {
            _gainHead = state.State.GainHead is { } record && record.Dimension == dimension
                ? new GainPredictor(record.ToState())
                : new GainPredictor(dimension);
            _gainHeadOf = state.State.GainHead;
        }
        return _gainHead;
    }

    /// <summary>
    /// The head's gains among the predicted experts for these features, as the gate reports them: only the pairs it has
    /// learned enough about (none before its first preference).
    /// </summary>
    private EquatableArray<PredictedGain> GainsAt(float[] features, IEnumerable<ExpertPrediction> predictions)
    {
        if (state.State.GainHead is null) return [];
        var gains = GainHead(features.Length).PredictAll(features, [.. predictions.Select(p => p.ExpertId)]);
        return [.. gains.Pairs.Select(g => new PredictedGain(g.From, g.To, g.Gain))];
    }

    /// <summary>One step of the head on two scores of one prompt; until its record is written the head stands for no state.</summary>
    private void ObserveGain(GainPredictor gainHead, float[] features, string expertA, double scoreA, string expertB, double scoreB)
    {
        gainHead.Observe(features, expertA, scoreA, expertB, scoreB);
        _gainHeadOf = Unwritten;
    }

    /// <summary>The learned head as the next state's record; remembered as what the in-memory head stands for.</summary>
    private GainPredictorRecord GainHeadRecord(GainPredictor gainHead) => _gainHeadOf = GainPredictorRecord.From(gainHead.ExportState());
}

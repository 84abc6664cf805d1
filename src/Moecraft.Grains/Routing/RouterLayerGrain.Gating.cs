using System.Collections.Immutable;
using Moecraft.Gating;
using Moecraft.Torch.LlmGating;

namespace Moecraft.Routing;

/// <summary>
/// The LLM path's learned gate (SPEC 4.4, 4.8): a success predictor over the roster's experts, persisted with the layer. Its
/// input is the prompt embedding followed by the prompt's statistics (<see cref="PromptStatistics"/>; a router persisted
/// before issue 14 keeps its embedding-only predictor). A caller without statistics gets zeros in their place.
/// </summary>
public sealed partial class RouterLayerGrain
{
    private SuccessPredictor? _predictor;

    // What _predictor stands for: the persisted record it was built from or written as, under the embedder epoch. The
    // predictor learns in memory before the state holding what it learned is written; when that write fails (or the
    // embedder changes) the state no longer matches and the predictor is rebuilt from the state.
    private (SuccessPredictorRecord? Record, int EmbedderEpoch) _predictorOf;
    private readonly PredictionAverages _predicted = new();

    public Task<ImmutableArray<PredictedSuccess>> GetPredictedSuccess()
    {
        RequireConfigured();
        return Task.FromResult(_predicted.Snapshot());
    }

    public Task<GateReport> Gate(ImmutableArray<float> input) => Gate(input, []);

    public Task<GateReport> Gate(ImmutableArray<float> input, ImmutableArray<float> statistics)
    {
        var configuration = RequireConfigured();
        RouterInputs.RequireFinite(input, configuration.InputDimension, "Input");
        var predictor = Predictor(configuration);
        var features = Features(predictor, input, statistics);   // bad statistics are refused before the route counts
        var (decision, logits) = RouteOne(configuration, input);
        _recentInputs.Record(features);
        var estimates = predictor.Predict(features).ToDictionary(e => e.ExpertId, StringComparer.Ordinal);
        var scarred = RouteSelection.ScarredAt(state.State.Scars, input.AsSpan());
        var predictions = ActivePredictions(estimates, scarred);
        RecordTopOne(input, predictions);
        _predicted.Record(predictions);
        // An LLM router's steps are its gate calls: they drive its keepers' clocks (a neural router's are its training steps;
        // the shadow traces of the LLM path count fewer, so the keepers' monotonic clocks follow the gate calls).
        if (state.State.RoutedUnits % KeeperTickInterval == 0)
        {
            TickKeepers(state.State.RoutedUnits);
            ProposeReflexIfEarned(input, predictions);
        }
        if (predictions.Count == 0 && scarred.Count > 0)
            throw new InvalidOperationException(
                $"Every active expert of router '{RouterId}' is scarred for this input ({string.Join(", ", scarred.Order(StringComparer.Ordinal))}): " +
                "no expert may answer it. Nothing was started.");
        return Task.FromResult(new GateReport(decision, predictions.ToImmutable(), RouteSelection.LogitStd(logits, state.State.Active), [.. scarred.Order(StringComparer.Ordinal)],
            ReflexAt(input, predictions), GainsAt(features, predictions), AnswerAwareAmong(predictions)));
    }

    // The predictor's estimates for an input it knows nothing of, per predictor state and epoch (both change on learning or
    // a roster edit): a pinned request's gate reads them instead of running the predictor.
    private (SuccessPredictorRecord? Predictor, int Epoch, Dictionary<string, SuccessEstimate> Estimates)? _blind;

    public Task<GateReport?> GatePinned(ImmutableArray<string> pinned)
    {
        var configuration = RequireConfigured();
        if (pinned.IsDefaultOrEmpty) throw new ArgumentException("A pinned request names at least one expert.", nameof(pinned));
        if (state.State.Scars.Any(s => pinned.Contains(s.ExpertId, StringComparer.Ordinal))) return Task.FromResult<GateReport?>(null);

        if (_blind is not { } blind || !ReferenceEquals(blind.Predictor, state.State.Predictor) || blind.Epoch != state.State.Epoch)
        {
            var blindPredictor = Predictor(configuration);
            var estimates = blindPredictor.Predict(new float[blindPredictor.Dimension]).ToDictionary(e => e.ExpertId, StringComparer.Ordinal);
            _blind = blind = (state.State.Predictor, state.State.Epoch, estimates);
        }
        return Task.FromResult<GateReport?>(new GateReport(new RouteDecision(RouterId, state.State.Epoch, [], []), ActivePredictions(blind.Estimates).ToImmutable(), 0, []));
    }

    /// <summary>The estimates of the roster's active experts in slot order, leaving out <paramref name="excluded"/>.</summary>
    private ImmutableArray<ExpertPrediction>.Builder ActivePredictions(IReadOnlyDictionary<string, SuccessEstimate> estimates, HashSet<string>? excluded = null)
    {
        var predictions = ImmutableArray.CreateBuilder<ExpertPrediction>();
        for (var slot = 0; slot < state.State.SlotExperts.Length; slot++)
        {
            if (!state.State.Active[slot] || state.State.SlotExperts[slot] is not { } expert || excluded?.Contains(expert) == true) continue;
            var estimate = estimates[expert];
            predictions.Add(new ExpertPrediction(expert, slot, estimate.Mean, estimate.StandardDeviation));
        }
        return predictions;
    }

    public Task LearnScore(ImmutableArray<float> input, string expertId, double score) => LearnScore(input, [], expertId, score);

    public Task LearnScore(ImmutableArray<float> input, ImmutableArray<float> statistics, string expertId, double score) =>
        LearnScore(input, statistics, default, expertId, score);

    /// <param name="answer">The scored answer's features (<see cref="AnswerFeatures"/>), or default: the gate learns, the acceptability predictor does not.</param>
    public async Task LearnScore(ImmutableArray<float> input, ImmutableArray<float> statistics, ImmutableArray<float> answer, string expertId, double score)
    {
        var configuration = RequireConfigured();
        RouterInputs.RequireFinite(input, configuration.InputDimension, "Input");
        if (!answer.IsDefault) RouterInputs.RequireFinite(answer, AnswerFeatures.Dimension(configuration.InputDimension), "Answer");
        RequireRosterExpert(expertId);
        if (!(score >= 0 && score <= 1)) throw new ArgumentException($"A score must be in [0, 1], got {score}.", nameof(score));
        var predictor = Predictor(configuration);
        var features = Features(predictor, input, statistics);   // bad statistics are refused before anything learns
        var acceptability = answer.IsDefault ? null : Acceptability(configuration);
        predictor.Observe(features, expertId, score);
        acceptability?.Observe([.. answer], expertId, score);
        await WriteLearnedAsync(predictor, next =>
        {
            next.Feedback[expertId] = (next.Feedback.GetValueOrDefault(expertId) ?? new ExpertFeedbackRecord(0, 0)).With(score);
            if (acceptability is not null) LearnedAcceptability(next, acceptability, expertId);
        });
    }

    public Task LearnPreference(ImmutableArray<float> input, string preferred, string over) => LearnPreference(input, [], preferred, over);

    public async Task LearnPreference(ImmutableArray<float> input, ImmutableArray<float> statistics, string preferred, string over)
    {
        var configuration = RequireConfigured();
        RouterInputs.RequireFinite(input, configuration.InputDimension, "Input");
        RequireRosterExpert(preferred);
        RequireRosterExpert(over);
        if (preferred == over) throw new ArgumentException("A preference needs two different experts.", nameof(over));
        var predictor = Predictor(configuration);
        var features = Features(predictor, input, statistics);
        predictor.ObservePreference(features, preferred, over);
        // A preference scores both experts on one prompt: a sample of the gain head too.
        var gainHead = GainHead(predictor.Dimension);
        ObserveGain(gainHead, features, preferred, 1, over, 0);
        await WriteLearnedAsync(predictor, next => next.GainHead = GainHeadRecord(gainHead));
    }

    /// <summary>Writes what <paramref name="predictor"/> learned (and <paramref name="change"/>); a failed write leaves it to be rebuilt.</summary>
    private Task WriteLearnedAsync(SuccessPredictor predictor, Action<RouterLayerState> change) => WriteAsync(next =>
    {
        next.Predictor = SuccessPredictorRecord.From(predictor.ExportState());
        _predictorOf = (next.Predictor, next.EmbedderEpoch);
        change(next);
    });

    /// <summary>The predictor over the persisted state, with every expert of the roster (a new one starts at the prior).</summary>
    private SuccessPredictor Predictor(RouterConfiguration configuration) => OverState(
        ref _predictor, ref _predictorOf, state.State.Predictor, configuration, configuration.InputDimension + PromptStatistics.Count, PromptStatistics.Count);

    /// <summary>
    /// A success predictor (<paramref name="predictor"/>, standing for <paramref name="of"/>) over the persisted
    /// <paramref name="record"/>: rebuilt when the state is no longer what it stands for, fresh (of this width) when there is
    /// none, with every expert of the roster.
    /// </summary>
    private SuccessPredictor OverState(
        ref SuccessPredictor? predictor, ref (SuccessPredictorRecord? Record, int EmbedderEpoch) of, SuccessPredictorRecord? record,
        RouterConfiguration configuration, int dimension, int statisticsWidth)
    {
        if (of != (record, state.State.EmbedderEpoch))
        {
            predictor?.Dispose();
            predictor = null;
        }
        predictor ??= record is not null
            ? new SuccessPredictor(record.ToState())
            : new SuccessPredictor(dimension, [], new SuccessPredictorOptions { Seed = (ulong)configuration.Seed }, statisticsWidth);
        of = (record, state.State.EmbedderEpoch);
        foreach (var expert in state.State.SlotExperts)
        {
            if (expert is not null && !predictor.Experts.Contains(expert)) predictor.AddExpert(expert);
        }
        return predictor;
    }

    private void DropPredictor()
    {
        _predictor?.Dispose();
        _predictor = null;
        _acceptability?.Dispose();
        _acceptability = null;
    }

    /// <summary>The predictor's input: the embedding, then the statistics when it takes them (default or empty: zeros).</summary>
    private static float[] Features(SuccessPredictor predictor, ImmutableArray<float> input, ImmutableArray<float> statistics) =>
        predictor.Features(input.AsSpan(), statistics.IsDefault ? [] : statistics.AsSpan());

    private void RequireRosterExpert(string expertId)
    {
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("Expert id must not be empty.", nameof(expertId));
        RouterRoster.RequireSlot(state.State, expertId);
    }
}

using System.Globalization;
using Moecraft.Experts.Replay;
using Moecraft.Gating;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// The gain estimates that learn from the train items themselves (issue 14), for the replay rows beside the online gain
/// head: the nearest-neighbour estimate on the prompt embedding and the batch-refit softmax on the gate's features. Both
/// hold every train item (as long as the capacity allows) and are deterministic: no seed, no feedback order.
/// </summary>
internal static class ReplayMemoryGains
{
    /// <summary>One setting's predictions: per test item the gains, and (cheapest to premium) the calibration pairs.</summary>
    internal sealed record Predictions(string Setting, PredictedGains[] Gains, (double Predicted, double Observed)[] Calibration);

    /// <summary>The nearest-neighbour estimate, one <see cref="Predictions"/> per setting (one similarity pass per test item).</summary>
    public static Predictions[] Neighbours(
        IReadOnlyList<ReplayItem> train, IReadOnlyList<ReplayItem> test, Func<ReplayItem, float[]> embedding, int dimension, int capacity,
        IReadOnlyList<NeighbourGainOptions> settings, string cheapest, string premium)
    {
        var estimator = new NeighbourGainEstimator(dimension, capacity, settings[0]);
        foreach (var item in train) estimator.Observe(embedding(item), Scores(item));
        var perItem = test.Select(item => estimator.PredictAll(embedding(item), [.. item.Outcomes.Keys], settings)).ToArray();
        return [.. settings.Select((setting, s) => new Predictions(
            string.Create(CultureInfo.InvariantCulture, $"k {(setting.Neighbours == 0 ? "all" : setting.Neighbours)}, T {setting.Temperature}, m {setting.PriorStrength}"),
            [.. perItem.Select(p => p[s])],
            s == 0 ? CalibrationPairs(test, cheapest, premium, item => estimator.ProbabilityBetter(embedding(item), cheapest, premium)) : []))];
    }

    /// <summary>The batch-refit gain model, one fit and one <see cref="Predictions"/> (calibration included) per setting.</summary>
    public static Predictions[] Batch(
        IReadOnlyList<ReplayItem> train, IReadOnlyList<ReplayItem> test, Func<ReplayItem, float[]> features, int dimension, int capacity,
        IReadOnlyList<BatchGainOptions> settings, string cheapest, string premium) =>
        [.. settings.Select((setting, s) =>
        {
            var model = new BatchGainModel(dimension, capacity, setting);
            foreach (var item in train) model.Observe(features(item), Scores(item));
            model.Refit();
            return new Predictions(
                string.Create(CultureInfo.InvariantCulture, $"L2 {setting.L2}"),
                [.. test.Select(item => model.PredictAll(features(item), [.. item.Outcomes.Keys]))],
                CalibrationPairs(test, cheapest, premium, item => model.ProbabilityBetter(features(item), cheapest, premium)));
        })];

    /// <summary>The train split's share of items where premium beats cheapest (its mean positive gain), predicted for every test item: what a prompt-blind estimate scores.</summary>
    public static (double Predicted, double Observed)[] BaseRate(IReadOnlyList<ReplayItem> train, IReadOnlyList<ReplayItem> test, string cheapest, string premium)
    {
        var rate = train.Select(i => PositiveGain(i, cheapest, premium)).OfType<double>().DefaultIfEmpty(0).Average();
        return [.. test.Select(i => PositiveGain(i, cheapest, premium)).OfType<double>().Select(observed => (rate, observed))];
    }

    private static (double Predicted, double Observed)[] CalibrationPairs(IReadOnlyList<ReplayItem> test, string cheapest, string premium, Func<ReplayItem, double?> predict) =>
        [.. test.Select(item => (Predicted: PositiveGain(item, cheapest, premium) is null ? null : predict(item), Observed: PositiveGain(item, cheapest, premium)))
            .Where(p => p.Predicted is not null).Select(p => (p.Predicted!.Value, p.Observed!.Value))];

    private static double? PositiveGain(ReplayItem item, string cheapest, string premium) =>
        item.Outcomes.TryGetValue(cheapest, out var c) && item.Outcomes.TryGetValue(premium, out var p) ? Math.Max(0, p.Quality - c.Quality) : null;

    private static Dictionary<string, double> Scores(ReplayItem item) =>
        item.Outcomes.ToDictionary(o => o.Key, o => o.Value.Quality, StringComparer.Ordinal);
}

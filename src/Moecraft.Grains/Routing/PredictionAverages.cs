using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The gate's recent estimate per expert: an exponential average of the success it predicted over the gate calls that
/// offered the expert. Kept in memory (a statistic for operators; a new activation starts afresh), so the gate pays no write.
/// </summary>
public sealed class PredictionAverages(double weight = PredictionAverages.DefaultWeight)
{
    /// <summary>How much the newest prediction moves the average: about the last twenty gate calls count.</summary>
    public const double DefaultWeight = 0.05;

    private readonly Dictionary<string, (double Mean, long Calls)> _experts = new(StringComparer.Ordinal);

    /// <summary>Takes one gate call's predictions.</summary>
    public void Record(IEnumerable<ExpertPrediction> predictions)
    {
        foreach (var prediction in predictions)
        {
            _experts[prediction.ExpertId] = _experts.TryGetValue(prediction.ExpertId, out var seen)
                ? (seen.Mean + weight * (prediction.SuccessMean - seen.Mean), seen.Calls + 1)
                : (prediction.SuccessMean, 1);
        }
    }

    /// <summary>Every expert the gate offered so far, by id.</summary>
    public ImmutableArray<PredictedSuccess> Snapshot() =>
        [.. _experts.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new PredictedSuccess(e.Key, e.Value.Mean, e.Value.Calls))];
}

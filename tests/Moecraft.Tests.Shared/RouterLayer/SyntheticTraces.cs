using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

/// <summary>
/// Builds trace summaries from a known generative model: every unit goes to two experts (round robin over the
/// active ones) with gates 1/2; healthy experts answer along a shared direction plus small noise, so they agree with
/// the mixture; a noise expert answers with random vectors, so its leave-one-out coherence is near zero.
/// </summary>
public sealed class SyntheticTraces(int width, int dimension, int seed)
{
    private readonly Random _random = new(seed);
    private readonly float[] _shared = Unit(Enumerable.Range(0, dimension).Select(i => (float)Math.Sin(i + 1)).ToArray());

    public HashSet<int> NoiseExperts { get; } = [];

    public TraceSummary Step(bool[] active, int units = 64)
    {
        var slots = Enumerable.Range(0, width).Where(e => active[e]).ToArray();
        var counts = new long[width];
        var expertSums = new float[width * dimension];
        var mixtureSums = new float[width * dimension];
        var looSums = new float[width * dimension];
        for (var t = 0; t < units; t++)
        {
            var pair = new[] { slots[t % slots.Length], slots[(t + 1 + t / slots.Length) % slots.Length] };
            if (pair[0] == pair[1]) pair[1] = slots[(t + 1) % slots.Length];
            var outputs = pair.Select(Output).ToArray();
            var mixture = new float[dimension];
            for (var i = 0; i < dimension; i++) mixture[i] = 0.5f * outputs[0][i] + 0.5f * outputs[1][i];
            for (var j = 0; j < 2; j++)
            {
                var e = pair[j];
                counts[e]++;
                for (var i = 0; i < dimension; i++)
                {
                    expertSums[e * dimension + i] += outputs[j][i];
                    mixtureSums[e * dimension + i] += mixture[i];
                    looSums[e * dimension + i] += mixture[i] - 0.5f * outputs[j][i];
                }
            }
        }

        return new TraceSummary(units, 2, dimension, [.. counts], [.. expertSums], [.. mixtureSums], [.. looSums], LogitStd: 1.0,
            SampledClean: [], SampledBiased: [], InputDimension: 0, SampledInputs: [], SampledInputSlots: [])
        {
            Ablations = [.. TakeAblations()],
        };
    }

    private List<int> _wanted = [];

    /// <summary>
    /// Plays the trainer's part in an ablation test (SPEC 3.6): the slots the router asked for go with the next step, where
    /// masking a noise expert lowers the held-out loss by 0.05 and masking any other raises it by 0.05.
    /// </summary>
    public TraceObservation Ablate(TraceObservation observation)
    {
        if (!observation.AblationWanted.IsDefault) _wanted = [.. observation.AblationWanted];
        return observation;
    }

    private IEnumerable<AblationMeasurement> TakeAblations()
    {
        var wanted = _wanted;
        _wanted = [];
        return wanted.Select(slot => new AblationMeasurement(slot, 1.80, NoiseExperts.Contains(slot) ? 1.75 : 1.85, 4));
    }

    private float[] Output(int expert)
    {
        var y = new float[dimension];
        var noise = NoiseExperts.Contains(expert);
        for (var i = 0; i < dimension; i++)
            y[i] = noise
                ? (float)(_random.NextDouble() * 2 - 1) * 3
                : _shared[i] + (i == expert % dimension ? 0.5f : 0f) + (float)(_random.NextDouble() - 0.5) * 0.05f;
        return y;
    }

    private static float[] Unit(float[] v)
    {
        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    public static ImmutableArray<float> Bad(ImmutableArray<float> values, int index, float value) => values.SetItem(index, value);
}

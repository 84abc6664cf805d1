using Moecraft.Routing;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Synthetic router-layer traces with a known answer for the bimodality check. Every unit goes to two of the active
/// experts (round robin) with gates 1/2. Healthy outputs <c>y_e = c + u_e</c> (a shared direction plus an expert's own
/// one, so <c>phi_loo</c> is about 0.7 and roles differ: role cosine 0.5, no merge). The sampled gate inputs of
/// <see cref="BimodalExpert"/> come from two orthogonal clusters in equal parts, those of every other expert from one
/// cluster of its own; cluster noise is small (std 0.05 per coordinate).
/// </summary>
internal sealed class BimodalTraces(int width, int activeExperts, int dimension, int seed)
{
    public const int BimodalExpert = 0;
    public const int UnimodalExpert = 1;

    private const int InputsPerExpert = 16;
    private const double ClusterNoise = 0.05;

    private readonly Random _random = new(seed);

    public TraceSummary Step(int units = 64)
    {
        var counts = new long[width];
        var expertSums = new float[width * dimension];
        var mixtureSums = new float[width * dimension];
        var leaveOneOutSums = new float[width * dimension];
        for (var t = 0; t < units; t++)
        {
            var first = t % activeExperts;
            var second = (first + 1 + t / activeExperts % (activeExperts - 1)) % activeExperts;
            int[] pair = [first, second];
            var outputs = pair.Select(Output).ToArray();
            for (var j = 0; j < 2; j++)
            {
                var e = pair[j];
                counts[e]++;
                for (var i = 0; i < dimension; i++)
                {
                    var mixture = 0.5f * (outputs[0][i] + outputs[1][i]);
                    expertSums[e * dimension + i] += outputs[j][i];
                    mixtureSums[e * dimension + i] += mixture;
                    leaveOneOutSums[e * dimension + i] += mixture - 0.5f * outputs[j][i];
                }
            }
        }

        var inputs = new List<float>();
        var inputSlots = new List<int>();
        for (var e = 0; e < activeExperts; e++)
        {
            for (var s = 0; s < InputsPerExpert; s++)
            {
                // Expert e's own cluster is axis 2e; the bimodal expert alternates with axis 2e + 1, orthogonal to it.
                var axis = e == BimodalExpert && s % 2 == 1 ? 2 * e + 1 : 2 * e;
                inputs.AddRange(Enumerable.Range(0, dimension).Select(i => (float)((i == axis ? 1 : 0) + ClusterNoise * Gaussian())));
                inputSlots.Add(e);
            }
        }

        return new TraceSummary(units, 2, dimension, [.. counts], [.. expertSums], [.. mixtureSums], [.. leaveOneOutSums], LogitStd: 1.0,
            SampledClean: [], SampledBiased: [], InputDimension: dimension, SampledInputs: [.. inputs], SampledInputSlots: [.. inputSlots]);
    }

    private float[] Output(int expert)
    {
        var y = new float[dimension];
        for (var i = 0; i < dimension; i++)
            y[i] = (float)(1.0 / Math.Sqrt(dimension) + (i == expert ? 1 : 0) + ClusterNoise * Gaussian());
        return y;
    }

    private double Gaussian()
    {
        // Box-Muller: the check must not depend on anything but its seed.
        var u = 1.0 - _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}

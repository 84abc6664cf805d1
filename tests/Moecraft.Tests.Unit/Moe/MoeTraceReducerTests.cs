using Moecraft.Torch.Moe;
using static TorchSharp.torch;

namespace Moecraft.Tests.Moe;

/// <summary>
/// A tiny case worked by hand: E = 3, d = 2, T = 4, k = 2, router <c>W = [[1, 0], [0, 1], [-1, -1]]</c>, <c>b = 0</c>.
/// Inputs x0 = [2, 1], x1 = [0, 3], x2 = [-2, -1], x3 = [-1, -3] give z = [2, 1, -3], [0, 3, -3], [-2, -1, 3], [-1, -3, 4]
/// and top-2 sets {0, 1}, {1, 0}, {2, 1}, {2, 0}: counts n = [3, 3, 2], top-1 experts 0, 1, 2, 2.
/// </summary>
public sealed class MoeTraceReducerTests
{
    private const int Experts = 3;
    private const int Dimension = 2;
    private static readonly float[] Inputs = [2, 1, 0, 3, -2, -1, -1, -3];
    private static readonly float[][] Logits = [[2, 1, -3], [0, 3, -3], [-2, -1, 3], [-1, -3, 4]];
    private static readonly int[][] Selected = [[0, 1], [1, 0], [2, 1], [2, 0]];

    [Fact]
    public void Sums_equal_the_hand_computation()
    {
        using var layer = TinyLayer();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(Inputs, [4, Dimension]);

        var output = layer.forward(x).data<float>().ToArray();
        var summary = new MoeTraceReducer(seed: 1, sampleFraction: 1.0).Reduce(layer.LastRouting!);

        // y_{t,e}: each expert run on each token alone, independent of the dispatch.
        var expertOutput = new float[4, Experts][];
        for (var t = 0; t < 4; t++)
            for (var e = 0; e < Experts; e++)
                expertOutput[t, e] = layer.Expert(e).forward(x.narrow(0, t, 1)).data<float>().ToArray();

        var expertSums = new double[Experts * Dimension];
        var mixtureSums = new double[Experts * Dimension];
        var leaveOneOutSums = new double[Experts * Dimension];
        for (var t = 0; t < 4; t++)
        {
            var p = Softmax(Logits[t]);
            var (a, b) = (Selected[t][0], Selected[t][1]);
            var gates = new Dictionary<int, double> { [a] = p[a] / (p[a] + p[b]), [b] = p[b] / (p[a] + p[b]) };
            var mixture = new double[Dimension];
            for (var i = 0; i < Dimension; i++) mixture[i] = gates[a] * expertOutput[t, a][i] + gates[b] * expertOutput[t, b][i];
            for (var i = 0; i < Dimension; i++) Assert.Equal(mixture[i], output[t * Dimension + i], 1e-5);

            foreach (var (e, g) in gates)
            {
                for (var i = 0; i < Dimension; i++)
                {
                    expertSums[e * Dimension + i] += expertOutput[t, e][i];
                    mixtureSums[e * Dimension + i] += mixture[i];
                    leaveOneOutSums[e * Dimension + i] += mixture[i] - g * expertOutput[t, e][i];
                }
            }
        }

        Assert.Equal((4, 2, 3, 2), (summary.Units, summary.TopK, summary.ExpertCount, summary.Dimension));
        Assert.Equal([3L, 3, 2], summary.Counts);
        AssertClose(expertSums, summary.ExpertOutputSums);
        AssertClose(mixtureSums, summary.MixtureSums);
        AssertClose(leaveOneOutSums, summary.LeaveOneOutSums);

        // Population std of each z row, averaged over the 4 tokens.
        var expectedStd = Logits.Average(row => Math.Sqrt(row.Average(z => Math.Pow(z - row.Average(), 2))));
        Assert.Equal(expectedStd, summary.LogitStd, 1e-5);

        // Sample fraction 1: every token, in token order; clean and biased agree without a bias.
        Assert.Equal(4, summary.SampledUnits);
        AssertClose(Logits.SelectMany(Softmax).ToArray(), summary.SampledClean);
        Assert.Equal(summary.SampledClean, summary.SampledBiased);

        // Inputs by top-1 expert: x0 -> 0, x1 -> 1, x2 and x3 -> 2.
        Assert.Equal([0, 1, 2, 2], summary.SampledInputExperts);
        Assert.Equal(Inputs, summary.SampledInputs);
    }

    [Fact]
    public void Biased_probabilities_use_the_bias_and_the_selection_follows_it()
    {
        float[] bias = [0, 0, -10];
        using var layer = TinyLayer();
        layer.SelectionBias = bias;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        layer.forward(tensor(Inputs, [4, Dimension]));
        var summary = new MoeTraceReducer(seed: 1, sampleFraction: 1.0).Reduce(layer.LastRouting!);

        Assert.Equal([4L, 4, 0], summary.Counts);
        AssertClose(Logits.SelectMany(Softmax).ToArray(), summary.SampledClean);
        AssertClose(Logits.SelectMany(row => Softmax(row.Zip(bias, (z, b) => z + b).ToArray())).ToArray(), summary.SampledBiased);
        Assert.All(summary.ExpertOutputSums[4..], v => Assert.Equal(0f, v));   // nothing reached expert 2
    }

    [Fact]
    public void Samples_follow_the_fraction_and_the_per_expert_quota()
    {
        using var layer = new MoeFeedForward(dimension: 8, experts: 4, topK: 2);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        layer.forward(randn(200, 8));
        var summary = new MoeTraceReducer(seed: 3, sampleFraction: 0.1, inputsPerExpert: 5).Reduce(layer.LastRouting!);

        Assert.Equal(20, summary.SampledUnits);
        Assert.Equal(20 * 4, summary.SampledBiased.Length);
        Assert.All(Enumerable.Range(0, 4), e => Assert.InRange(summary.SampledInputExperts.Count(owner => owner == e), 0, 5));
        Assert.Equal(summary.SampledInputExperts.Length * 8, summary.SampledInputs.Length);
        Assert.Equal(400, summary.Counts.Sum());
    }

    private static MoeFeedForward TinyLayer()
    {
        var layer = new MoeFeedForward(Dimension, Experts, topK: 2);
        using var noGrad = no_grad();
        using var weights = tensor(new float[] { 1, 0, 0, 1, -1, -1 }, [Experts, Dimension]);
        layer.Router.weight!.copy_(weights);
        layer.Router.bias!.zero_();
        return layer;
    }

    private static double[] Softmax(float[] logits)
    {
        var exps = logits.Select(z => Math.Exp(z - logits.Max())).ToArray();
        return exps.Select(v => v / exps.Sum()).ToArray();
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }
}

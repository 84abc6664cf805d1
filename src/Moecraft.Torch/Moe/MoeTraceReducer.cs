using static TorchSharp.torch;

namespace Moecraft.Torch.Moe;

/// <summary>
/// Builds a <see cref="MoeTraceSummary"/> from one layer's <see cref="MoeRoutingState"/>. The per-expert sums are
/// <c>index_add</c>s over the expert-ordered slots, detached, under no_grad, in the reducer's own dispose scope; the
/// <c>[T, E]</c> logit statistics are cheaper in plain C# on one copy of <c>z_clean</c>. Only arrays leave.
/// Keep one reducer per layer: its seeded sampler advances with every call.
/// </summary>
public sealed class MoeTraceReducer
{
    private readonly Random _random;

    /// <param name="seed">Seeds which tokens are sampled.</param>
    /// <param name="sampleFraction">Share of tokens whose clean and biased probabilities are reported (SPEC: 10%).</param>
    /// <param name="inputsPerExpert">At most this many input rows per expert (by top-1 expert) for the bimodality 2-means.</param>
    public MoeTraceReducer(int seed, double sampleFraction = 0.1, int inputsPerExpert = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleFraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(inputsPerExpert);
        _random = new Random(seed);
        SampleFraction = sampleFraction;
        InputsPerExpert = inputsPerExpert;
    }

    public double SampleFraction { get; }

    public int InputsPerExpert { get; }

    public MoeTraceSummary Reduce(MoeRoutingState routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        var (units, experts, dimension) = (routing.Units, routing.ExpertCount, routing.Dimension);

        // One shuffle serves both samples: its prefix is the probability sample, its scan fills the per-expert input
        // quota. Rows are reported in token order (within each expert for the inputs).
        var permutation = Enumerable.Range(0, units).ToArray();
        _random.Shuffle(permutation);
        var probabilityRows = permutation[..SampledUnitCount(units)];
        Array.Sort(probabilityRows);
        var (inputRows, inputExperts) = InputSample(permutation, routing.Plan.TopExpert, experts);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        var slotExperts = tensor(routing.Plan.SlotExperts);
        var mixtureRows = routing.Mixture.detach().index_select(0, routing.SlotTokens);
        var expertSums = zeros(experts, dimension).index_add_(0, slotExperts, routing.ExpertOutputs.detach(), LongLivedScalars.One);
        var mixtureSums = zeros(experts, dimension).index_add_(0, slotExperts, mixtureRows, LongLivedScalars.One);

        // sum (y_t - g y_e) = sum y_t - sum g y_e: subtract on [E, d] rather than on every slot.
        var ownShareSums = zeros(experts, dimension).index_add_(0, slotExperts, routing.WeightedOutputs.detach(), LongLivedScalars.One);
        var leaveOneOutSums = mixtureSums.sub(ownShareSums);

        var sampledInputs = inputRows.Length == 0
            ? []
            : TensorCopy.ToFloats(routing.Input.detach().index_select(0, tensor(inputRows)));

        var clean = TensorCopy.ToFloats(routing.CleanLogits.detach());
        var bias = routing.SelectionBias;

        return new MoeTraceSummary(
            units,
            routing.TopK,
            experts,
            dimension,
            routing.Counts.ToArray(),
            TensorCopy.ToFloats(expertSums),
            TensorCopy.ToFloats(mixtureSums),
            TensorCopy.ToFloats(leaveOneOutSums),
            MeanRowStd(clean, experts),
            SoftmaxRows(clean, experts, probabilityRows, offset: null),
            SoftmaxRows(clean, experts, probabilityRows, bias),
            sampledInputs,
            inputExperts);
    }

    private int SampledUnitCount(int units) => Math.Clamp((int)Math.Round(units * SampleFraction), 1, units);

    private (long[] Rows, int[] Experts) InputSample(int[] permutation, long[] topExpert, int experts)
    {
        var perExpert = Enumerable.Range(0, experts).Select(_ => new List<long>(InputsPerExpert)).ToArray();
        foreach (var token in permutation)
        {
            var bucket = perExpert[topExpert[token]];
            if (bucket.Count < InputsPerExpert) bucket.Add(token);
        }

        var rows = perExpert.SelectMany(bucket => bucket.Order()).ToArray();
        var owners = perExpert.SelectMany((bucket, expert) => Enumerable.Repeat(expert, bucket.Count)).ToArray();
        return (rows, owners);
    }

    /// <summary>Mean over rows of the population standard deviation of each row of a row-major <c>[T, E]</c> matrix.</summary>
    private static double MeanRowStd(float[] logits, int experts)
    {
        var rows = logits.Length / experts;
        var total = 0.0;
        for (var row = 0; row < rows; row++)
        {
            var values = logits.AsSpan(row * experts, experts);
            var mean = 0.0;
            foreach (var z in values) mean += z;
            mean /= experts;
            var variance = 0.0;
            foreach (var z in values) variance += (z - mean) * (z - mean);
            total += Math.Sqrt(variance / experts);
        }

        return rows == 0 ? 0 : total / rows;
    }

    /// <summary><c>softmax(z + offset)</c> of the chosen rows, concatenated.</summary>
    private static float[] SoftmaxRows(float[] logits, int experts, int[] rows, float[]? offset)
    {
        var result = new float[rows.Length * experts];
        var shifted = new double[experts];
        for (var i = 0; i < rows.Length; i++)
        {
            var max = double.NegativeInfinity;
            for (var e = 0; e < experts; e++)
            {
                shifted[e] = logits[rows[i] * experts + e] + (offset?[e] ?? 0f);
                max = Math.Max(max, shifted[e]);
            }

            var sum = 0.0;
            for (var e = 0; e < experts; e++) sum += shifted[e] = Math.Exp(shifted[e] - max);
            for (var e = 0; e < experts; e++) result[i * experts + e] = (float)(shifted[e] / sum);
        }

        return result;
    }
}

namespace Moecraft.Gating;

/// <summary>
/// The gain head (issue 14): predicts directly how much better one expert's answer is than another's for a prompt,
/// <c>E[score(b) - score(a)]</c>, instead of subtracting two separately learned success estimates (a difference of two noisy
/// estimates, whose errors do not cancel). One head per pair of experts, a softmax over the three outcomes "first better",
/// "tie", "second better" (the pair's experts in ordinal order) on the gate's features (embedding and prompt statistics),
/// trained online by SGD on the cross-entropy with L2 regularisation and a decaying step size. A sample exists only where
/// both experts' scores for one prompt are known (a preference between two answers, or a replay record of both); scores in
/// [0, 1] give a soft target <c>(max(-g, 0), 1 - |g|, max(g, 0))</c> with <c>g = score(second) - score(first)</c>, whose mean
/// is <c>g</c>, so the predicted gain <c>P(second better) - P(first better)</c> estimates the expected gain.
/// </summary>
/// <remarks>Not thread-safe: one caller at a time (a grain turn). Plain arrays: a prediction over 520 inputs is a few microseconds.</remarks>
public sealed class GainPredictor
{
    private const int Outcomes = GainPairs.Outcomes;
    private readonly GainPredictorOptions _options;
    private readonly Dictionary<(string First, string Second), Pair> _pairs = [];

    /// <exception cref="ArgumentException">A non-positive dimension or invalid options.</exception>
    public GainPredictor(int dimension, GainPredictorOptions? options = null)
    {
        if (dimension < 1) throw new ArgumentException($"Dimension must be positive, got {dimension}.", nameof(dimension));
        _options = (options ?? new GainPredictorOptions()).Validate();
        Dimension = dimension;
    }

    /// <summary>Resumes from exported state; the options apply from here on.</summary>
    /// <exception cref="ArgumentException">Inconsistent state (order of a pair, repeated pairs, lengths, non-finite values) or invalid options.</exception>
    public GainPredictor(GainPredictorState state, GainPredictorOptions? options = null)
        : this(state?.Dimension ?? throw new ArgumentNullException(nameof(state)), options)
    {
        ArgumentNullException.ThrowIfNull(state.Pairs, nameof(state));
        foreach (var pair in state.Pairs)
        {
            if (pair is null || string.IsNullOrWhiteSpace(pair.First) || string.IsNullOrWhiteSpace(pair.Second)
                || string.CompareOrdinal(pair.First, pair.Second) >= 0)
                throw new ArgumentException("A state pair must name two experts in ordinal order.", nameof(state));
            if (pair.Weights is null || pair.Weights.Length != Outcomes * Dimension || pair.Bias is null || pair.Bias.Length != Outcomes)
                throw new ArgumentException($"The state pair '{pair.First}', '{pair.Second}' has weights or bias of the wrong length.", nameof(state));
            if (pair.Weights.Any(v => !float.IsFinite(v)) || pair.Bias.Any(v => !float.IsFinite(v)))
                throw new ArgumentException($"The state pair '{pair.First}', '{pair.Second}' contains a non-finite value.", nameof(state));
            if (pair.Samples < 0) throw new ArgumentException($"The state pair '{pair.First}', '{pair.Second}' has negative samples.", nameof(state));
            if (!_pairs.TryAdd((pair.First, pair.Second), new Pair([.. pair.Weights], [.. pair.Bias]) { Samples = pair.Samples }))
                throw new ArgumentException($"The state repeats the pair '{pair.First}', '{pair.Second}'.", nameof(state));
        }
    }

    /// <summary>The width of an input (the gate's features: embedding, then prompt statistics).</summary>
    public int Dimension { get; }

    /// <summary>Samples learned for the pair, in either order (0 for a pair never seen).</summary>
    public long SamplesOf(string a, string b) => _pairs.TryGetValue(Key(a, b), out var pair) ? pair.Samples : 0;

    /// <summary>
    /// <c>E[score(to) - score(from)]</c> for this input, or null when the pair has fewer than the options' minimum samples
    /// (the policy then reads the success difference).
    /// </summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? Predict(ReadOnlySpan<float> features, string from, string to) =>
        OutcomesFor(features, from, to) is { } p ? p.ToBetter - p.FromBetter : null;

    /// <summary>
    /// The probability that <paramref name="to"/>'s answer scores higher than <paramref name="from"/>'s for this input, or null
    /// when the pair has fewer than the options' minimum samples.
    /// </summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? ProbabilityBetter(ReadOnlySpan<float> features, string from, string to) =>
        OutcomesFor(features, from, to)?.ToBetter;

    /// <summary>The probabilities that <paramref name="from"/>'s and <paramref name="to"/>'s answer is the better one; null below the minimum samples.</summary>
    private (double FromBetter, double ToBetter)? OutcomesFor(ReadOnlySpan<float> features, string from, string to)
    {
        ValidateFeatures(features);
        var (key, sign) = Oriented(from, to);
        if (!_pairs.TryGetValue(key, out var pair) || pair.Samples < _options.MinimumSamples) return null;
        Span<double> p = stackalloc double[Outcomes];
        Probabilities(pair, features, p);
        return sign > 0 ? (p[0], p[2]) : (p[2], p[0]);
    }

    /// <summary>The gains of every pair among <paramref name="experts"/> that the head can speak for.</summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or a repeated expert.</exception>
    public PredictedGains PredictAll(ReadOnlySpan<float> features, IReadOnlyList<string> experts)
    {
        ValidateFeatures(features);
        var x = features.ToArray();
        return GainPairs.Collect(experts, (from, to) => Predict(x, from, to) is { } gain ? Math.Clamp(gain, -1, 1) : null);
    }

    /// <summary>One SGD step on the pair's cross-entropy for two known scores of the same prompt.</summary>
    /// <exception cref="ArgumentException">Bad features, the same expert twice, a blank id or a score outside [0, 1]; nothing changes.</exception>
    public void Observe(ReadOnlySpan<float> features, string expertA, double scoreA, string expertB, double scoreB)
    {
        ValidateFeatures(features);
        var (key, sign) = Oriented(expertA, expertB);
        if (!(scoreA >= 0 && scoreA <= 1) || !(scoreB >= 0 && scoreB <= 1))
            throw new ArgumentException($"Scores must be in [0, 1], got {scoreA} and {scoreB}.", nameof(scoreA));
        if (!_pairs.TryGetValue(key, out var pair)) _pairs[key] = pair = new Pair(new float[Outcomes * Dimension], new float[Outcomes]);

        Span<double> target = stackalloc double[Outcomes];
        GainPairs.Target(sign * (scoreB - scoreA), target);   // second minus first
        Span<double> p = stackalloc double[Outcomes];
        Probabilities(pair, features, p);
        var rate = _options.LearningRateAt(pair.Samples);
        var shrink = (float)(1 - rate * _options.L2);
        for (var k = 0; k < Outcomes; k++)
        {
            // d(cross-entropy)/dz_k = p_k - t_k; the weights also shrink (L2), the bias does not.
            var step = (float)(-rate * (p[k] - target[k]));
            var row = pair.Weights.AsSpan(k * Dimension, Dimension);
            for (var i = 0; i < row.Length; i++) row[i] = row[i] * shrink + step * features[i];
            pair.Bias[k] += step;
        }
        pair.Samples++;
    }

    /// <summary>A copy of the whole state; <see cref="GainPredictor(GainPredictorState, GainPredictorOptions?)"/> resumes from it exactly.</summary>
    public GainPredictorState ExportState() => new(
        Dimension,
        [.. _pairs.OrderBy(p => p.Key.First, StringComparer.Ordinal).ThenBy(p => p.Key.Second, StringComparer.Ordinal)
            .Select(p => new GainPairState(p.Key.First, p.Key.Second, [.. p.Value.Weights], [.. p.Value.Bias], p.Value.Samples))]);

    private void Probabilities(Pair pair, ReadOnlySpan<float> x, Span<double> p)
    {
        for (var k = 0; k < Outcomes; k++)
        {
            double z = pair.Bias[k];
            var row = pair.Weights.AsSpan(k * Dimension, Dimension);
            for (var i = 0; i < row.Length; i++) z += row[i] * x[i];
            p[k] = z;
        }
        Softmax.Normalise(p);
    }

    private static ((string, string) Key, int Sign) Oriented(string from, string to) => GainPairs.Oriented(from, to);

    private static (string, string) Key(string a, string b) => Oriented(a, b).Key;

    private void ValidateFeatures(ReadOnlySpan<float> features) => GainPairs.ValidateInput(features, Dimension, "this gain head", nameof(features));

    private sealed class Pair(float[] weights, float[] bias)
    {
        public float[] Weights { get; } = weights;
        public float[] Bias { get; } = bias;
        public long Samples { get; set; }
    }
}

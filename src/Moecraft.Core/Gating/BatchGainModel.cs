using System.Numerics.Tensors;

namespace Moecraft.Gating;

/// <summary>
/// A batch-refit gain model (issue 14): the same softmax over "first better / tie / second better" as
/// <see cref="GainPredictor"/>, with the same soft target, but fitted to the optimum of the L2-regularised mean
/// cross-entropy over every sample held, on features standardised by the samples' mean and spread, by full-batch
/// accelerated gradient descent, instead of by online SGD steps at a decaying rate on the raw features. It answers
/// whether the online learner leaves anything on the table: the same model family, trained to convergence.
/// Samples sit in a bounded <see cref="GainSampleMemory"/> (oldest out); <see cref="Refit"/> fits every pair again (from
/// the last fit), and predictions read the last fit.
/// </summary>
/// <remarks>Not thread-safe: one caller at a time. A refit costs <c>O(iterations x samples x d)</c>; a prediction <c>O(d)</c>.</remarks>
public sealed class BatchGainModel
{
    private const int Outcomes = GainPairs.Outcomes;
    private readonly GainSampleMemory _memory;
    private readonly Dictionary<(string First, string Second), Fit> _fits = [];

    /// <exception cref="ArgumentException">A non-positive dimension or capacity, or invalid options.</exception>
    public BatchGainModel(int dimension, int capacity, BatchGainOptions? options = null)
    {
        _memory = new GainSampleMemory(dimension, capacity);
        Options = (options ?? new BatchGainOptions()).Validate();
    }

    public BatchGainOptions Options { get; }

    public int Dimension => _memory.Dimension;

    /// <summary>Samples held.</summary>
    public int Count => _memory.Count;

    /// <summary>Whether samples arrived since the last <see cref="Refit"/>.</summary>
    public bool IsStale { get; private set; }

    /// <summary>Remembers a prompt's features with every expert's recorded score; the fit changes at the next <see cref="Refit"/>.</summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, no scores, a blank id or a score outside [0, 1]; nothing changes.</exception>
    public void Observe(ReadOnlySpan<float> features, IReadOnlyDictionary<string, double> scores)
    {
        _memory.Add(features, scores);
        IsStale = true;
    }

    /// <summary>Fits every pair of experts that has at least the minimum samples with both scores; a pair below it keeps no fit.</summary>
    public void Refit()
    {
        var experts = new SortedSet<string>(StringComparer.Ordinal);
        for (var slot = 0; slot < _memory.Count; slot++) experts.UnionWith(_memory.Scores(slot).Keys);
        var ids = experts.ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                var key = (ids[i], ids[j]);
                var slots = Enumerable.Range(0, _memory.Count).Where(s => _memory.Gain(s, ids[i], ids[j]) is not null).ToArray();
                if (slots.Length < Options.MinimumSamples)
                {
                    _fits.Remove(key);
                    continue;
                }
                _fits[key] = FitPair(slots, ids[i], ids[j], _fits.GetValueOrDefault(key));
            }
        }
        IsStale = false;
    }

    /// <summary><c>E[score(to) - score(from)]</c> from the last fit, or null when the pair has none.</summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? Predict(ReadOnlySpan<float> features, string from, string to) =>
        OutcomesFor(features, from, to) is { } p ? Math.Clamp(p.ToBetter - p.FromBetter, -1, 1) : null;

    /// <summary>The probability that <paramref name="to"/>'s answer scores higher than <paramref name="from"/>'s, or null when the pair has no fit.</summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? ProbabilityBetter(ReadOnlySpan<float> features, string from, string to) => OutcomesFor(features, from, to)?.ToBetter;

    /// <summary>The gains of every fitted pair among <paramref name="experts"/>.</summary>
    /// <exception cref="ArgumentException">Features of the wrong width or with non-finite values, or a repeated expert.</exception>
    public PredictedGains PredictAll(ReadOnlySpan<float> features, IReadOnlyList<string> experts)
    {
        _memory.ValidateInput(features);
        var x = features.ToArray();
        return GainPairs.Collect(experts, (from, to) => Predict(x, from, to));
    }

    private (double FromBetter, double ToBetter)? OutcomesFor(ReadOnlySpan<float> features, string from, string to)
    {
        _memory.ValidateInput(features);
        var (key, sign) = GainPairs.Oriented(from, to);
        if (!_fits.TryGetValue(key, out var fit)) return null;
        var x = fit.Standardise(features);
        Span<double> p = stackalloc double[Outcomes];
        fit.Probabilities(x, p);
        return sign > 0 ? (p[0], p[2]) : (p[2], p[0]);
    }

    /// <summary>
    /// Minimises <c>mean CE + L2/2 |W|^2</c> over the pair's samples by accelerated gradient descent (FISTA with restarts):
    /// the weights at step <c>1 / L</c>, where <c>L</c> bounds their curvature (half the largest eigenvalue of the standardised
    /// inputs' second moment, by power iteration, plus L2), the bias at step 2.
    /// </summary>
    private Fit FitPair(int[] slots, string first, string second, Fit? previous)
    {
        var d = Dimension;
        var n = slots.Length;
        var mean = new double[d];
        var spread = new double[d];
        foreach (var slot in slots)
        {
            var input = _memory.Input(slot);
            for (var i = 0; i < d; i++) mean[i] += input[i];
        }
        for (var i = 0; i < d; i++) mean[i] /= n;
        foreach (var slot in slots)
        {
            var input = _memory.Input(slot);
            for (var i = 0; i < d; i++) spread[i] += (input[i] - mean[i]) * (input[i] - mean[i]);
        }
        // A constant column carries nothing: its standardised value is 0 (scale 0), so its weight stays at 0.
        var scale = spread.Select(s => Math.Sqrt(s / n) is var sd && sd > 1e-9 ? (float)(1 / sd) : 0f).ToArray();
        var fit = new Fit(mean.Select(m => (float)m).ToArray(), scale);
        var x = slots.Select(s => fit.Standardise(_memory.Input(s))).ToArray();
        var targets = slots.Select(s =>
        {
            var target = new double[Outcomes];
            GainPairs.Target(_memory.Gain(s, first, second)!.Value, target);
            return target;
        }).ToArray();

        var width = d + 1;   // the last column is the bias (input 1, not penalised)
        // The columns are centred, so the curvature splits into the weights' block and the bias's (at most 1/2): each gets
        // its own step, or a strong penalty would leave the unpenalised bias crawling.
        var step = 1 / (0.5 * LargestEigenvalue(x) + Options.L2);
        const double biasStep = 2;
        // A warm start from the last fit (its standardisation differs a little; the optimum is unique, so only the path changes).
        var w = previous is not null ? (float[])previous.Weights.Clone() : new float[Outcomes * width];
        var y = (float[])w.Clone();
        var gradient = new float[Outcomes * width];
        double t = 1;
        Span<double> p = stackalloc double[Outcomes];
        for (var iteration = 0; iteration < Options.MaxIterations; iteration++)
        {
            Array.Clear(gradient);
            for (var r = 0; r < n; r++)
            {
                Fit.Probabilities(y, width, x[r], p);
                for (var k = 0; k < Outcomes; k++)
                {
                    var residual = (float)((p[k] - targets[r][k]) / n);
                    var row = gradient.AsSpan(k * width, d);
                    TensorPrimitives.MultiplyAdd(x[r], residual, row, row);
                    gradient[k * width + d] += residual;
                }
            }
            for (var k = 0; k < Outcomes; k++)
            {
                var rowW = y.AsSpan(k * width, d);
                var rowG = gradient.AsSpan(k * width, d);
                TensorPrimitives.MultiplyAdd(rowW, (float)Options.L2, rowG, rowG);
            }
            if (TensorPrimitives.Norm(gradient) < Options.Tolerance) { y.CopyTo(w); break; }

            // w+ = y - step * grad; momentum from the FISTA sequence, restarted when the step goes against the momentum.
            var last = w;
            w = new float[w.Length];
            TensorPrimitives.MultiplyAdd(gradient, (float)-step, y, w);
            for (var k = 0; k < Outcomes; k++) w[k * width + d] = (float)(y[k * width + d] - biasStep * gradient[k * width + d]);
            var tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            var momentum = (t - 1) / tNext;
            double agreement = 0;
            for (var i = 0; i < w.Length; i++) agreement += gradient[i] * (w[i] - last[i]);
            if (agreement > 0) { tNext = 1; momentum = 0; }
            for (var i = 0; i < w.Length; i++) y[i] = (float)(w[i] + momentum * (w[i] - last[i]));
            t = tNext;
        }
        fit.Weights = w;
        return fit;
    }

    /// <summary>The largest eigenvalue of <c>X'X / n</c> (standardised inputs, no bias column), by power iteration, with a margin.</summary>
    private static double LargestEigenvalue(float[][] x)
    {
        var d = x[0].Length;
        var v = Enumerable.Repeat((float)(1 / Math.Sqrt(d)), d).ToArray();
        double eigenvalue = 1;
        var next = new float[d];
        for (var iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(next);
            foreach (var row in x) TensorPrimitives.MultiplyAdd(row, TensorPrimitives.Dot(row, v) / x.Length, next, next);
            eigenvalue = TensorPrimitives.Norm(next);
            if (!(eigenvalue > 0)) return 1;
            TensorPrimitives.Divide(next, (float)eigenvalue, v);
        }
        return eigenvalue * 1.05;   // margin: power iteration approaches the top eigenvalue from below
    }

    /// <summary>One pair's fit: the standardisation it was fitted on and its weights, <c>[3, d + 1]</c> row-major (bias last).</summary>
    private sealed class Fit(float[] mean, float[] scale)
    {
        public float[] Mean { get; } = mean;
        public float[] Scale { get; } = scale;
        public float[] Weights { get; set; } = [];

        public float[] Standardise(ReadOnlySpan<float> input)
        {
            var x = new float[Mean.Length];
            TensorPrimitives.Subtract(input, Mean, x);
            TensorPrimitives.Multiply(x, Scale, x);
            return x;
        }

        public void Probabilities(float[] x, Span<double> p) => Probabilities(Weights, Mean.Length + 1, x, p);

        public static void Probabilities(float[] weights, int width, float[] x, Span<double> p)
        {
            for (var k = 0; k < Outcomes; k++) p[k] = TensorPrimitives.Dot(weights.AsSpan(k * width, width - 1), x) + weights[k * width + width - 1];
            Softmax.Normalise(p);
        }
    }
}

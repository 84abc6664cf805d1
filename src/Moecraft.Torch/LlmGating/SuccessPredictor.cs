using TorchSharp;
using static TorchSharp.torch;

namespace Moecraft.Torch.LlmGating;

/// <summary>
/// Learns, per expert, the probability of an acceptable answer given the prompt embedding (SPEC 4.4 and 4.8), online
/// from feedback: a score in [0, 1] (cross-entropy against the soft target) or a pairwise preference (Bradley-Terry:
/// <c>P(a better than b) = sigmoid(z_a - z_b)</c>). An ensemble of H heads gives the uncertainty; each head is a
/// logistic model <c>z_{e,h}(x) = w_{e,h} . x + b_{e,h} + prior_{e,h}(x)</c>, where the prior is a fixed random linear
/// function (randomised prior functions, Osband et al. 2018) paired antithetically across heads, so an untrained expert
/// predicts exactly 0.5 on average with a wide spread. Each head sees each example with a Poisson(1) weight (online
/// bootstrap), so the heads agree where data is plentiful and keep disagreeing where it is thin. The heads' mean is then
/// calibrated per expert by Platt scaling, <c>p = sigmoid(a_e logit(mean) + b_e)</c>, learned online from the same scores
/// before each step updates the heads (so every calibration step sees a prediction made without its example): averaging
/// sigmoids over heads with antithetic priors pulls the mean towards 0.5, and the calibration undoes that.
/// </summary>
/// <remarks>
/// Not thread-safe: one caller at a time (a grain turn). The tensors live between calls; <see cref="ExportState"/>
/// gives the persistent copy as arrays. No method awaits, so the per-thread dispose scopes and no_grad blocks are safe.
/// </remarks>
public sealed class SuccessPredictor : IDisposable
{
    private readonly SuccessPredictorOptions _options;
    private readonly List<string> _experts = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly SplitMix64 _random;
    private readonly List<float> _calibration = [];   // per expert: a, b

    // Held for the predictor's lifetime: a Scalar made inline for a native call can be collected while the call runs.
    private readonly Scalar _one = 1.0f;

    private Tensor _weights;       // [E, H, d] trainable
    private Tensor _bias;          // [E, H] trainable
    private Tensor _priorWeights;  // [E, H, d] fixed
    private Tensor _priorBias;     // [E, H] fixed

    /// <summary>A fresh predictor: every expert starts at the prior (mean 0.5, high uncertainty).</summary>
    /// <param name="dimension">The width of an input: the embedding's plus <paramref name="statisticsWidth"/>.</param>
    /// <param name="statisticsWidth">How many inputs are prompt statistics after the embedding (see <see cref="Features"/>).</param>
    /// <exception cref="ArgumentException">A non-positive dimension, a statistics width that leaves no embedding, invalid options, or a blank or repeated expert id.</exception>
    public SuccessPredictor(int dimension, IEnumerable<string> experts, SuccessPredictorOptions? options = null, int statisticsWidth = 0)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (dimension < 1) throw new ArgumentException($"Dimension must be positive, got {dimension}.", nameof(dimension));
        if (statisticsWidth < 0 || statisticsWidth >= dimension)
            throw new ArgumentException($"The statistics width must be in [0, {dimension - 1}], got {statisticsWidth}.", nameof(statisticsWidth));
        _options = (options ?? new SuccessPredictorOptions()).Validate();
        var ids = experts.ToArray();
        ValidateExpertIds(ids, nameof(experts));

        Dimension = dimension;
        StatisticsWidth = statisticsWidth;
        Heads = _options.Heads;
        Seed = _options.Seed;
        _random = new SplitMix64(SplitMix64.Mix(Seed, 0x5EEDUL));
        _weights = zeros(0, Heads, Dimension);
        _bias = zeros(0, Heads);
        _priorWeights = zeros(0, Heads, Dimension);
        _priorBias = zeros(0, Heads);
        foreach (var id in ids) AddExpert(id);
    }

    /// <summary>Resumes from exported state; the options' hyperparameters apply from here on (their seed is ignored: the state has one).</summary>
    /// <exception cref="ArgumentException">Inconsistent state (lengths, ids, non-finite values) or options with a different head count.</exception>
    public SuccessPredictor(SuccessPredictorState state, SuccessPredictorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _options = (options ?? new SuccessPredictorOptions { Heads = state.Heads }).Validate();
        if (_options.Heads != state.Heads)
            throw new ArgumentException($"The state has {state.Heads} heads; the options ask for {_options.Heads}.", nameof(options));
        ValidateState(state);

        Dimension = state.Dimension;
        StatisticsWidth = state.StatisticsWidth;
        Heads = state.Heads;
        Seed = state.Seed;
        Observations = state.Observations;
        _random = new SplitMix64(state.RandomState);
        var e = state.Experts.Length;
        if (state.Calibration is { } calibration) _calibration.AddRange(calibration);
        else for (var i = 0; i < e; i++) _calibration.AddRange([1f, 0f]);   // a state from before calibration: the identity
        _weights = tensor(state.Weights, [e, Heads, Dimension]);
        _bias = tensor(state.Bias, [e, Heads]);
        _priorWeights = tensor(state.PriorWeights, [e, Heads, Dimension]);
        _priorBias = tensor(state.PriorBias, [e, Heads]);
        foreach (var id in state.Experts)
        {
            _index[id] = _experts.Count;
            _experts.Add(id);
        }
    }

    /// <summary>The width of an input (<see cref="Features"/>).</summary>
    public int Dimension { get; }

    /// <summary>How many inputs are prompt statistics appended after the embedding; 0: the embedding alone.</summary>
    public int StatisticsWidth { get; }

    /// <summary>The width of the embedding part of an input.</summary>
    public int EmbeddingDimension => Dimension - StatisticsWidth;

    public int Heads { get; }

    public ulong Seed { get; }

    /// <summary>Feedback steps taken so far (scores and preferences).</summary>
    public long Observations { get; private set; }

    /// <summary>The step size of the next feedback step (the options' schedule at <see cref="Observations"/>).</summary>
    public double LearningRate => _options.LearningRateAt(Observations);

    /// <summary>Expert ids in prediction order.</summary>
    public IReadOnlyList<string> Experts => _experts;

    /// <summary>
    /// The input for an embedding and the prompt's statistics: the embedding, then the statistics when this predictor takes
    /// them (their learned weights say how much length, digits or code matter). Without statistics (a caller that has no
    /// prompt) the statistics part is zero, so only the embedding's weights speak.
    /// </summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width, or statistics of the wrong width.</exception>
    public float[] Features(ReadOnlySpan<float> embedding, ReadOnlySpan<float> statistics)
    {
        if (embedding.Length != EmbeddingDimension)
            throw new ArgumentException($"The embedding has {embedding.Length} values; this predictor takes {EmbeddingDimension}.", nameof(embedding));
        if (StatisticsWidth == 0) return embedding.ToArray();
        if (!statistics.IsEmpty && statistics.Length != StatisticsWidth)
            throw new ArgumentException($"The prompt statistics have {statistics.Length} values; this predictor takes {StatisticsWidth}.", nameof(statistics));
        var features = new float[Dimension];
        embedding.CopyTo(features);
        statistics.CopyTo(features.AsSpan(EmbeddingDimension));
        return features;
    }

    /// <summary>Adds an expert at the prior: mean 0.5 and the full spread of the heads' priors.</summary>
    /// <exception cref="ArgumentException">A blank id or one already known.</exception>
    public void AddExpert(string expertId)
    {
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("An expert id must not be blank.", nameof(expertId));
        if (_index.ContainsKey(expertId)) throw new ArgumentException($"Expert '{expertId}' is already known.", nameof(expertId));

        var (priorWeights, priorBias) = DrawPrior((ulong)_experts.Count);
        Tensor weights, bias, pw, pb;
        using (var scope = NewDisposeScope())
        {
            weights = cat([_weights, zeros(1, Heads, Dimension)], 0).DetachFromDisposeScope();
            bias = cat([_bias, zeros(1, Heads)], 0).DetachFromDisposeScope();
            pw = cat([_priorWeights, tensor(priorWeights, [1, Heads, Dimension])], 0).DetachFromDisposeScope();
            pb = cat([_priorBias, tensor(priorBias, [1, Heads])], 0).DetachFromDisposeScope();
        }
        Replace(ref _weights, weights);
        Replace(ref _bias, bias);
        Replace(ref _priorWeights, pw);
        Replace(ref _priorBias, pb);
        _index[expertId] = _experts.Count;
        _experts.Add(expertId);
        _calibration.AddRange([1f, 0f]);
    }

    /// <summary>Per expert (in <see cref="Experts"/> order): the heads' mean probability of success and their standard deviation.</summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width or with non-finite values.</exception>
    public IReadOnlyList<SuccessEstimate> Predict(float[] embedding)
    {
        ValidateEmbedding(embedding);
        if (_experts.Count == 0) return [];

        float[] probabilities;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            var x = tensor(embedding, [Dimension]);
            var rows = _experts.Count * Heads;
            var z = Dot(_weights.view(rows, Dimension), x)
                .add_(Dot(_priorWeights.view(rows, Dimension), x), _one)
                .add_(_bias.view(rows), _one)
                .add_(_priorBias.view(rows), _one);
            probabilities = z.sigmoid_().data<float>().ToArray();
        }

        var result = new SuccessEstimate[_experts.Count];
        for (var e = 0; e < result.Length; e++)
        {
            double sum = 0, squares = 0;
            for (var h = 0; h < Heads; h++) sum += probabilities[e * Heads + h];
            var mean = sum / Heads;
            for (var h = 0; h < Heads; h++)
            {
                var deviation = probabilities[e * Heads + h] - mean;
                squares += deviation * deviation;
            }
            result[e] = new SuccessEstimate(_experts[e], Calibrated(e, mean), Math.Sqrt(squares / Heads));
        }
        return result;
    }

    /// <summary>One SGD step on the cross-entropy between the expert's predicted success and the observed score.</summary>
    /// <exception cref="ArgumentException">A bad embedding, an unknown expert or a score outside [0, 1]; nothing changes.</exception>
    public void Observe(float[] embedding, string expertId, double score)
    {
        ValidateEmbedding(embedding);
        var e = IndexOf(expertId, nameof(expertId));
        if (!(score >= 0 && score <= 1)) throw new ArgumentException($"A score must be in [0, 1], got {score}.", nameof(score));

        var weights = DrawBootstrapWeights();
        var rate = LearningRate;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(embedding, [Dimension]);
        var z = HeadLogits(x, e);
        var step = new float[Heads];
        double mean = 0;
        for (var h = 0; h < Heads; h++)
        {
            // d(cross-entropy)/dz = sigmoid(z) - y; descend with the head's bootstrap weight.
            step[h] = (float)(-rate * weights[h] * (Sigmoid(z[h]) - score));
            mean += Sigmoid(z[h]) / Heads;
        }
        Calibrate(e, mean, score);
        Step(x, e, tensor(step, [Heads]), rate);
        Observations++;
    }

    /// <summary>
    /// One SGD step on a preference "better beat worse" under Bradley-Terry on the heads' logits:
    /// loss <c>-log sigmoid(z_better - z_worse)</c>, which raises the better expert and lowers the worse one on this input.
    /// </summary>
    /// <exception cref="ArgumentException">A bad embedding, an unknown expert or the same expert twice; nothing changes.</exception>
    public void ObservePreference(float[] embedding, string betterExpertId, string worseExpertId)
    {
        ValidateEmbedding(embedding);
        var better = IndexOf(betterExpertId, nameof(betterExpertId));
        var worse = IndexOf(worseExpertId, nameof(worseExpertId));
        if (better == worse) throw new ArgumentException($"A preference needs two different experts, got '{betterExpertId}' twice.", nameof(worseExpertId));

        var weights = DrawBootstrapWeights();
        var rate = LearningRate;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(embedding, [Dimension]);
        var zBetter = HeadLogits(x, better);
        var zWorse = HeadLogits(x, worse);
        var up = new float[Heads];
        var down = new float[Heads];
        for (var h = 0; h < Heads; h++)
        {
            // d(-log sigmoid(d))/dd = sigmoid(d) - 1 with d = z_better - z_worse; the gradient is +/- that on each side.
            var step = rate * weights[h] * (1.0 - Sigmoid(zBetter[h] - zWorse[h]));
            up[h] = (float)step;
            down[h] = (float)-step;
        }
        Step(x, better, tensor(up, [Heads]), rate);
        Step(x, worse, tensor(down, [Heads]), rate);
        Observations++;
    }

    /// <summary>A copy of the whole state as plain arrays; <see cref="SuccessPredictor(SuccessPredictorState, SuccessPredictorOptions?)"/> resumes from it exactly.</summary>
    public SuccessPredictorState ExportState() => new(
        Dimension,
        Heads,
        Seed,
        [.. _experts],
        _weights.data<float>().ToArray(),
        _bias.data<float>().ToArray(),
        _priorWeights.data<float>().ToArray(),
        _priorBias.data<float>().ToArray(),
        _random.State,
        Observations,
        StatisticsWidth,
        [.. _calibration]);

    public void Dispose()
    {
        _weights.Dispose();
        _bias.Dispose();
        _priorWeights.Dispose();
        _priorBias.Dispose();
        _one.Dispose();
    }

    /// <summary>The expert's Platt scaling of the heads' mean probability.</summary>
    private double Calibrated(int expert, double mean) =>
        Sigmoid(_calibration[2 * expert] * Logit(mean) + _calibration[2 * expert + 1]);

    /// <summary>One step of the expert's Platt scaling on the cross-entropy of the calibrated prediction against the score.</summary>
    private void Calibrate(int expert, double mean, double score)
    {
        var x = Logit(mean);
        var error = Calibrated(expert, mean) - score;
        var rate = _options.CalibrationLearningRate;
        // The slope stays positive and bounded: calibration may sharpen or soften the heads, never invert their order.
        _calibration[2 * expert] = (float)Math.Clamp(_calibration[2 * expert] - rate * error * x, 0.1, 10);
        _calibration[2 * expert + 1] = (float)Math.Clamp(_calibration[2 * expert + 1] - rate * error, -10, 10);
    }

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return Math.Log(clamped / (1 - clamped));
    }

    private float[] HeadLogits(Tensor x, int expert) =>
        Dot(_weights[expert], x)
            .add_(Dot(_priorWeights[expert], x), _one)
            .add_(_bias[expert], _one)
            .add_(_priorBias[expert], _one)
            .data<float>().ToArray();

    /// <summary>
    /// Row-wise dot products <c>[n, d] . [d] -> [n]</c> as a product and a sum rather than <c>mv</c>: BLAS matrix-vector
    /// kernels may pick a code path by memory alignment, which changed the last bits between identical runs; ATen's own
    /// reduction sums in a fixed order, so the same seed and feedback give bit-identical weights.
    /// </summary>
    private static Tensor Dot(Tensor rows, Tensor x) => rows.mul(x).sum(-1);

    /// <summary>Applies a per-head step along the input (the logistic gradient is the error times x) after weight decay.</summary>
    private void Step(Tensor x, int expert, Tensor step, double rate)
    {
        // Held in a local for the native calls' duration (see _one); the decay follows the scheduled rate.
        using var decay = (Scalar)(float)(1.0 - rate * _options.WeightDecay);
        _weights[expert].mul_(decay).add_(step.outer(x), _one);
        _bias[expert].add_(step, _one);
    }

    private int[] DrawBootstrapWeights()
    {
        var weights = new int[Heads];
        for (var h = 0; h < Heads; h++) weights[h] = _random.NextPoissonOne();
        return weights;
    }

    /// <summary>
    /// Fixed prior of one expert: heads paired antithetically (offset and direction negated), so the heads' mean
    /// probability is exactly 0.5 everywhere; offsets spread evenly up to the bias scale, directions Gaussian.
    /// </summary>
    private (float[] Weights, float[] Bias) DrawPrior(ulong ordinal)
    {
        var random = new SplitMix64(SplitMix64.Mix(Seed, ordinal + 1));
        var order = Enumerable.Range(0, Heads).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        var weights = new float[Heads * Dimension];
        var bias = new float[Heads];
        var pairs = Heads / 2;
        for (var pair = 0; pair < pairs; pair++)
        {
            var offset = (float)(_options.PriorBiasScale * (pair + 1) / pairs);
            int plus = order[2 * pair], minus = order[2 * pair + 1];
            bias[plus] = offset;
            bias[minus] = -offset;
            for (var i = 0; i < Dimension; i++)
            {
                var w = (float)(_options.PriorWeightScale * random.NextGaussian());
                weights[plus * Dimension + i] = w;
                weights[minus * Dimension + i] = -w;
            }
        }
        return (weights, bias);   // with an odd H the unpaired head keeps a zero prior
    }

    private int IndexOf(string expertId, string parameter)
    {
        ArgumentNullException.ThrowIfNull(expertId, parameter);
        return _index.TryGetValue(expertId, out var e)
            ? e
            : throw new ArgumentException($"Unknown expert '{expertId}'; known: {string.Join(", ", _experts)}.", parameter);
    }

    private void ValidateEmbedding(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        if (embedding.Length != Dimension)
            throw new ArgumentException($"The embedding has {embedding.Length} values; this predictor takes {Dimension}.", nameof(embedding));
        foreach (var v in embedding)
            if (!float.IsFinite(v)) throw new ArgumentException("The embedding contains a non-finite value.", nameof(embedding));
    }

    private static void ValidateExpertIds(string[] ids, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("An expert id must not be blank.", parameter);
            if (!seen.Add(id)) throw new ArgumentException($"Expert '{id}' appears twice.", parameter);
        }
    }

    private static void ValidateState(SuccessPredictorState state)
    {
        const string name = nameof(state);
        if (state.Dimension < 1) throw new ArgumentException($"State dimension must be positive, got {state.Dimension}.", name);
        if (state.Heads < 1) throw new ArgumentException($"State heads must be at least 1, got {state.Heads}.", name);
        if (state.StatisticsWidth < 0 || state.StatisticsWidth >= state.Dimension)
            throw new ArgumentException($"State statistics width must be in [0, {state.Dimension - 1}], got {state.StatisticsWidth}.", name);
        if (state.Observations < 0) throw new ArgumentException($"State observations must be non-negative, got {state.Observations}.", name);
        ArgumentNullException.ThrowIfNull(state.Experts, name);
        ValidateExpertIds(state.Experts, name);
        var e = state.Experts.Length;
        Check(state.Weights, (long)e * state.Heads * state.Dimension, nameof(state.Weights));
        Check(state.Bias, (long)e * state.Heads, nameof(state.Bias));
        Check(state.PriorWeights, (long)e * state.Heads * state.Dimension, nameof(state.PriorWeights));
        Check(state.PriorBias, (long)e * state.Heads, nameof(state.PriorBias));
        if (state.Calibration is not null) Check(state.Calibration, 2L * e, nameof(state.Calibration));

        static void Check(float[]? values, long expected, string field)
        {
            if (values is null) throw new ArgumentException($"State {field} is missing.", name);
            if (values.Length != expected) throw new ArgumentException($"State {field} holds {values.Length} values; expected {expected}.", name);
            foreach (var v in values)
                if (!float.IsFinite(v)) throw new ArgumentException($"State {field} contains a non-finite value.", name);
        }
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static void Replace(ref Tensor field, Tensor replacement)
    {
        field.Dispose();
        field = replacement;
    }
}

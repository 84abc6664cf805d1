using System.Numerics.Tensors;

namespace Moecraft.Gating;

/// <summary>
/// A nearest-neighbour gain estimate (issue 14): it keeps the embeddings of prompts whose experts' scores are known and
/// predicts the gain of one expert over another for a new prompt as the similarity-weighted mean of the recorded gains
/// <c>score(to) - score(from)</c> of its nearest samples, shrunk toward the mean gain of every sample:
/// <code>gain = (sum_i w_i g_i + m g_all) / (sum_i w_i + m),   w_i = exp((cos_i - 1) / T)</code>
/// over the <c>k</c> most similar samples that recorded both experts. No weights are learned, so there is no learner to
/// under-fit: if the nearest prompts do not tell where the premium expert gains, the embedding does not carry it.
/// Memory is bounded (<see cref="GainSampleMemory"/>, oldest out), so a grain could hold it.
/// </summary>
/// <remarks>Not thread-safe: one caller at a time. A prediction reads every sample: <c>O(capacity x d)</c>.</remarks>
public sealed class NeighbourGainEstimator
{
    private readonly GainSampleMemory _memory;

    /// <exception cref="ArgumentException">A non-positive dimension or capacity, or invalid options.</exception>
    public NeighbourGainEstimator(int dimension, int capacity, NeighbourGainOptions? options = null)
    {
        _memory = new GainSampleMemory(dimension, capacity);
        Options = (options ?? new NeighbourGainOptions()).Validate();
    }

    public NeighbourGainOptions Options { get; }

    public int Dimension => _memory.Dimension;

    public int Capacity => _memory.Capacity;

    /// <summary>Samples held.</summary>
    public int Count => _memory.Count;

    /// <summary>Remembers a prompt's embedding (as a unit vector) with every expert's recorded score.</summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width or with non-finite values, no scores, a blank id or a score outside [0, 1]; nothing changes.</exception>
    public void Observe(ReadOnlySpan<float> embedding, IReadOnlyDictionary<string, double> scores)
    {
        _memory.ValidateInput(embedding);
        _memory.Add(Unit(embedding), scores);
    }

    /// <summary><c>E[score(to) - score(from)]</c> for this prompt, or null below the options' minimum samples for the pair.</summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? Predict(ReadOnlySpan<float> embedding, string from, string to) =>
        Estimate(Ranked(embedding), from, to, Options, positivePart: false);

    /// <summary>
    /// The probability that <paramref name="to"/>'s answer scores higher than <paramref name="from"/>'s: the same weighted
    /// mean over the positive part of the neighbours' gains (with 0/1 scores: the weighted share where <paramref name="to"/> won).
    /// </summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width or with non-finite values, or the same expert twice.</exception>
    public double? ProbabilityBetter(ReadOnlySpan<float> embedding, string from, string to) =>
        Estimate(Ranked(embedding), from, to, Options, positivePart: true);

    /// <summary>The gains of every pair among <paramref name="experts"/> that enough samples speak for.</summary>
    /// <exception cref="ArgumentException">An embedding of the wrong width or with non-finite values, or a repeated expert.</exception>
    public PredictedGains PredictAll(ReadOnlySpan<float> embedding, IReadOnlyList<string> experts) => PredictAll(embedding, experts, [Options])[0];

    /// <summary>
    /// The same for several settings at once (one similarity pass; for choosing settings on a validation slice): one
    /// <see cref="PredictedGains"/> per entry of <paramref name="settings"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="PredictAll(ReadOnlySpan{float}, IReadOnlyList{string})"/>, or invalid settings.</exception>
    public PredictedGains[] PredictAll(ReadOnlySpan<float> embedding, IReadOnlyList<string> experts, IReadOnlyList<NeighbourGainOptions> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var setting in settings) (setting ?? throw new ArgumentException("A setting is null.", nameof(settings))).Validate();
        var ranked = Ranked(embedding);
        return [.. settings.Select(setting => GainPairs.Collect(experts, (from, to) => Estimate(ranked, from, to, setting, positivePart: false)))];
    }

    /// <summary>Every slot with its cosine similarity to the prompt, most similar first (ties by slot, so the order is total).</summary>
    private (int Slot, float Similarity)[] Ranked(ReadOnlySpan<float> embedding)
    {
        _memory.ValidateInput(embedding);
        var query = Unit(embedding);
        var ranked = new (int Slot, float Similarity)[_memory.Count];
        for (var slot = 0; slot < ranked.Length; slot++) ranked[slot] = (slot, TensorPrimitives.Dot(_memory.Input(slot), query));
        Array.Sort(ranked, (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Slot.CompareTo(b.Slot));
        return ranked;
    }

    private double? Estimate((int Slot, float Similarity)[] ranked, string from, string to, NeighbourGainOptions options, bool positivePart)
    {
        GainPairs.Validate(from, to);
        double all = 0, weighted = 0, weights = 0;
        int samples = 0, voters = 0;
        foreach (var (slot, similarity) in ranked)
        {
            if (_memory.Gain(slot, from, to) is not { } gain) continue;
            var target = positivePart ? Math.Max(gain, 0) : gain;
            all += target;
            samples++;
            if (options.Neighbours > 0 && voters >= options.Neighbours) continue;
            var weight = Math.Exp((similarity - 1) / options.Temperature);
            weighted += weight * target;
            weights += weight;
            voters++;
        }
        if (samples == 0 || samples < options.MinimumSamples) return null;
        var mean = all / samples;
        var total = weights + options.PriorStrength;
        return Math.Clamp(total > 0 ? (weighted + options.PriorStrength * mean) / total : mean, -1, 1);
    }

    /// <summary>The vector scaled to length 1 (a zero vector stays zero: similar to nothing).</summary>
    private static float[] Unit(ReadOnlySpan<float> vector)
    {
        var unit = vector.ToArray();
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(unit, norm, unit);
        return unit;
    }
}

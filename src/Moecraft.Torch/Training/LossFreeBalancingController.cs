namespace Moecraft.Torch.Training;

/// <summary>
/// DeepSeek-V3's auxiliary-loss-free balancing, the bench's baseline: after each step
/// <c>beta_e += u * sign(mean(n) - n_e)</c> per layer, then centred (mean 0). The bias only selects; gates stay clean.
/// </summary>
public sealed class LossFreeBalancingController : ISelectionBiasController
{
    public const double DefaultUpdateRate = 1e-3;

    private float[][] _bias = [];

    public LossFreeBalancingController(double updateRate = DefaultUpdateRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updateRate);
        UpdateRate = updateRate;
    }

    public double UpdateRate { get; }

    /// <summary>The current bias per layer (copies).</summary>
    public IReadOnlyList<float[]> Bias => _bias.Select(layer => layer.ToArray()).ToArray();

    public ValueTask<IReadOnlyList<float[]?>> AfterStepAsync(MoeStepObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_bias.Length != observation.Layers.Count)
            _bias = observation.Layers.Select(layer => new float[layer.ExpertCount]).ToArray();

        for (var layer = 0; layer < _bias.Length; layer++) Update(_bias[layer], observation.Layers[layer].Counts, UpdateRate);

        IReadOnlyList<float[]?> next = _bias.Select(layer => (float[]?)layer.ToArray()).ToArray();
        return ValueTask.FromResult(next);
    }

    /// <summary>One sign-rule step on <paramref name="bias"/> in place, then centring.</summary>
    public static void Update(float[] bias, long[] counts, double updateRate)
    {
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(counts);
        if (bias.Length != counts.Length)
            throw new ArgumentException($"Bias has {bias.Length} experts but counts have {counts.Length}.", nameof(counts));

        var meanLoad = counts.Average();
        for (var e = 0; e < bias.Length; e++) bias[e] += (float)(updateRate * Math.Sign(meanLoad - counts[e]));

        var centre = bias.Average();
        for (var e = 0; e < bias.Length; e++) bias[e] -= centre;
    }
}

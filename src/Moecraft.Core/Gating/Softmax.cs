namespace Moecraft.Gating;

/// <summary>Numerically stable softmax with temperature.</summary>
public static class Softmax
{
    public static double[] Of(ReadOnlySpan<double> values, double temperature = 1.0)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);

        var result = new double[values.Length];
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Exp((values[i] - max) / temperature);
            sum += result[i];
        }
        for (var i = 0; i < result.Length; i++) result[i] /= sum;
        return result;
    }

    /// <summary>Turns <paramref name="logits"/> into probabilities in place (temperature 1), for callers that must not allocate.</summary>
    public static void Normalise(Span<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += logits[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < logits.Length; i++) logits[i] /= sum;
    }
}

namespace Moecraft.Balancing;

/// <summary>
/// The scale-free bias (SPEC 3.1): <c>beta_e = r * k_e * s</c>, where <c>k_e</c> is the learned coefficient,
/// <c>r</c> the bridge detector's relevance and <c>s</c> the EMA(mid) of the clean logits' std over active slots.
/// Multiplying by <c>s</c> makes <c>k</c> mean "fractions of a logit std", whatever the router's scale.
/// Inactive slots get 0 (their logits are -inf anyway).
/// </summary>
public static class ScaleFreeBias
{
    /// <exception cref="ArgumentException">Mismatched lengths, non-finite coefficients, <c>r</c> outside [0, 1], or a negative or non-finite <c>s</c>.</exception>
    public static double[] Beta(ReadOnlySpan<double> coefficients, double relevance, double logitScale, ReadOnlySpan<bool> active)
    {
        if (coefficients.Length != active.Length)
            throw new ArgumentException($"{coefficients.Length} coefficients for {active.Length} slots.", nameof(coefficients));
        if (!(relevance >= 0 && relevance <= 1))
            throw new ArgumentOutOfRangeException(nameof(relevance), relevance, "Relevance must be in [0, 1].");
        if (!(logitScale >= 0) || double.IsInfinity(logitScale))
            throw new ArgumentOutOfRangeException(nameof(logitScale), logitScale, "The logit scale must be a finite number >= 0.");

        var beta = new double[coefficients.Length];
        for (var e = 0; e < beta.Length; e++)
        {
            if (!double.IsFinite(coefficients[e]))
                throw new ArgumentException($"Coefficient of slot {e} is not finite ({coefficients[e]}).", nameof(coefficients));
            beta[e] = active[e] ? relevance * coefficients[e] * logitScale : 0;
        }
        return beta;
    }
}

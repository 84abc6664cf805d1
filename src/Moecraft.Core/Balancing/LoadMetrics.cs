namespace Moecraft.Balancing;

/// <summary>
/// Load and starvation over the active experts (SPEC 3.4): <c>Neff = exp(H(L))</c>, <c>saturation = |A| * max_e L_e</c>,
/// <c>MaxVio = (max_e n_e - mean n) / mean n</c>.
/// </summary>
public sealed record LoadMetrics(double EffectiveExperts, double Saturation, double MaxViolation)
{
    /// <summary>No load at all: every metric is 0.</summary>
    public static LoadMetrics None { get; } = new(0, 0, 0);
}

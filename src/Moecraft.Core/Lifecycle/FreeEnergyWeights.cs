namespace Moecraft.Lifecycle;

/// <summary>The free energy's weights (SPEC 3.5): <c>lambda = 0.1</c> (complexity), <c>rho = 0.5</c> (redundancy), <c>kappa = 0.5</c> (instability).</summary>
public sealed record FreeEnergyWeights(double Complexity = 0.1, double Redundancy = 0.5, double Instability = 0.5)
{
    /// <exception cref="ArgumentException">A negative or non-finite weight.</exception>
    public void Validate()
    {
        foreach (var (name, weight) in new[] { ("lambda", Complexity), ("rho", Redundancy), ("kappa", Instability) })
        {
            if (!(weight >= 0) || double.IsInfinity(weight)) throw new ArgumentException($"{name} must be a finite number >= 0, got {weight}.");
        }
    }
}

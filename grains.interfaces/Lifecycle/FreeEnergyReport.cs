namespace Moecraft.Lifecycle;

/// <summary>The free energy <c>F = (1 - Psi_slow) + lambda N + rho R + kappa I</c> and its terms (SPEC 3.5).</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FreeEnergyReport")]
public sealed record FreeEnergyReport(double SlowCoherence, double Complexity, double Redundancy, double Instability, double Value);

namespace Moecraft.Lifecycle;

/// <summary>
/// The free energy and its terms (SPEC 3.5): <c>F = (1 - Psi_slow) + lambda N + rho R + kappa I</c>,
/// with <c>Psi_slow</c> (<see cref="SlowCoherence"/>), complexity <c>N</c>, redundancy <c>R</c> and instability <c>I</c>.
/// </summary>
public sealed record FreeEnergyBreakdown(double SlowCoherence, double Complexity, double Redundancy, double Instability, double Value);

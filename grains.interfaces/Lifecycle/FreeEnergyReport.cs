namespace Moecraft.Lifecycle;

/// <summary>The free energy <c>F = (1 - Psi_slow) + lambda N + rho R + kappa I</c> and its terms (SPEC 3.5).</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FreeEnergyReport")]
public sealed record FreeEnergyReport([Id(0)] double SlowCoherence, [Id(1)] double Complexity, [Id(2)] double Redundancy, [Id(3)] double Instability, [Id(4)] double Value);

namespace Moecraft.Experts.Simulated;

/// <summary>A failure the simulated backend produced on purpose (its configured failure rate).</summary>
public sealed class SimulatedBackendException(string message) : Exception(message);

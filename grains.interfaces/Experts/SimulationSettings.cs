namespace Moecraft.Experts;

/// <summary>
/// Behaviour of the simulated backend: every answer, token count and failure follows from
/// <paramref name="Seed"/> and the prompt, so runs repeat exactly.
/// </summary>
/// <param name="Seed">Seed mixed into every deterministic choice.</param>
/// <param name="LatencyMs">Time the backend waits before answering.</param>
/// <param name="OutputTokens">Mean number of output tokens per answer (varies by up to 25% with the prompt).</param>
/// <param name="FailureRate">Probability in [0, 1] that a given request fails.</param>
[GenerateSerializer, Immutable, Alias("moecraft.SimulationSettings")]
public sealed record SimulationSettings([Id(0)] int Seed, [Id(1)] int LatencyMs, [Id(2)] int OutputTokens, [Id(3)] double FailureRate)
{
    public static SimulationSettings Default { get; } = new(Seed: 1, LatencyMs: 0, OutputTokens: 64, FailureRate: 0);
}

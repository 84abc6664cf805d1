namespace Moecraft.Experts;

/// <summary>Which kind of model server answers for an expert.</summary>
/// <remarks>Persisted by value: never renumber a member.</remarks>
[GenerateSerializer, Alias("moecraft.BackendKind")]
public enum BackendKind
{
    /// <summary>The built-in simulated backend: deterministic answers, latency, tokens and failures, for demos, tests and load.</summary>
    Simulated = 0,
}

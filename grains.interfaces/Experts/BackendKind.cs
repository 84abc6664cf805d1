namespace Moecraft.Experts;

/// <summary>Which kind of model server answers for an expert.</summary>
/// <remarks>Persisted by value: never renumber a member.</remarks>
[GenerateSerializer, Alias("moecraft.BackendKind")]
public enum BackendKind
{
    /// <summary>The built-in simulated backend: deterministic answers, latency, tokens and failures, for demos, tests and load.</summary>
    Simulated = 0,

    /// <summary>An Ollama server (its native <c>/api/chat</c> protocol); the endpoint is the server's base address.</summary>
    Ollama = 1,

    /// <summary>Any server speaking OpenAI's <c>/v1/chat/completions</c> protocol; the endpoint is its base address (usually ending in <c>/v1</c>).</summary>
    OpenAiCompatible = 2,

    /// <summary>Answers replayed from a recorded dataset loaded into the silo.</summary>
    Replay = 3,

    /// <summary>
    /// An expert a federation peer offers (SPEC 6): the endpoint is the peer's node name, the model the expert's id there.
    /// The peer decides, by the tier it gave this node and its rate limits, whether to answer.
    /// </summary>
    Federated = 4,
}

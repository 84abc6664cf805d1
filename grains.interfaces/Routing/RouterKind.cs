namespace Moecraft.Routing;

/// <summary>
/// What a router routes, which sets its load term (SPEC 3.1): neural MoE layers balance load (<c>u = 0.001</c>);
/// LLM routers leave load to the cost policy (<c>u = 0</c>).
/// </summary>
[GenerateSerializer, Alias("moecraft.RouterKind")]
public enum RouterKind
{
    LlmRequests = 0,
    NeuralLayer = 1,
}

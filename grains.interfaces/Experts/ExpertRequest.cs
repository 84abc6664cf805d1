using Moecraft.Routing;

namespace Moecraft.Experts;

/// <summary>One unit of work for an expert.</summary>
/// <param name="RequestId">Caller's id for the request; simulated failures and answers are a function of it and the prompt.</param>
/// <param name="Prompt">The user's prompt text.</param>
/// <param name="Options">Generation options; null means <see cref="RequestOptions.Default"/>.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertRequest")]
public sealed record ExpertRequest(string RequestId, string Prompt, RequestOptions? Options = null);

namespace Moecraft.Routing;

/// <summary>
/// The request path for prompts (key: router id): embed the prompt, route it with the router layer,
/// and invoke the best selected expert, falling back to the next selected one when it fails.
/// </summary>
[Alias("moecraft.IChatRouterGrain")]
public interface IChatRouterGrain : IGrainWithStringKey
{
    [Alias("Ask")]
    Task<AskResult> Ask(AskRequest request);
}

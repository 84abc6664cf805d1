using Microsoft.Extensions.AI;
using Moecraft.Experts.Http;
using OllamaSharp;

namespace Moecraft.Experts.Ollama;

/// <summary>Chat clients for an Ollama server, through OllamaSharp's <see cref="OllamaApiClient"/> (native <c>/api/chat</c>).</summary>
public static class OllamaBackend
{
    /// <summary>A chat client for <paramref name="model"/> at <paramref name="endpoint"/>; disposing it closes its connections.</summary>
    public static IChatClient CreateChatClient(string endpoint, string model, TimeSpan connectTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var http = BackendHttp.CreateClient(BackendHttp.BaseAddress(endpoint), connectTimeout, statusErrors: true);
        return new OwningChatClient(new OllamaApiClient(http, model), http);
    }
}

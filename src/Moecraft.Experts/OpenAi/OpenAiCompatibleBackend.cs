using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Moecraft.Experts.Http;
using OpenAI;
using OpenAI.Chat;

namespace Moecraft.Experts.OpenAi;

/// <summary>Chat clients for any server speaking OpenAI's <c>/chat/completions</c> protocol (OpenAI, vLLM, llama.cpp, LM Studio...).</summary>
public static class OpenAiCompatibleBackend
{
    /// <summary>Sent when no key is configured: local servers ignore it, and the SDK requires a non-empty credential.</summary>
    public const string NoKey = "no-key";

    /// <summary>
    /// A chat client for <paramref name="model"/> at <paramref name="endpoint"/> (the base address, usually ending in <c>/v1</c>).
    /// The SDK's own retries are off: <see cref="Resilience.ResilientChatClient"/> retries, and only before any output.
    /// </summary>
    public static IChatClient CreateChatClient(string endpoint, string model, string? apiKey, TimeSpan connectTimeout, TimeSpan networkTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var http = BackendHttp.CreateClient(BackendHttp.BaseAddress(endpoint), connectTimeout);
        var options = new OpenAIClientOptions
        {
            Endpoint = http.BaseAddress,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout,
        };
        var chat = new ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? NoKey : apiKey), options);
        return new OwningChatClient(chat.AsIChatClient(), http);
    }

    /// <summary>The API key named by an expert's <see cref="ExpertDefinition.ApiKeyVariable"/>, read from the silo's environment.</summary>
    public static string? ApiKeyOf(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.ApiKeyVariable is not { } variable) return null;
        var key = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(key)
            ? throw new InvalidOperationException($"Expert '{definition.Id}' reads its API key from the environment variable '{variable}', which is not set.")
            : key;
    }
}

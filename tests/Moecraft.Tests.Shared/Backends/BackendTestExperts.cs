using Microsoft.Extensions.AI;
using Moecraft.Experts;

namespace Moecraft.Tests.Backends;

/// <summary>Expert definitions and call helpers for the backend tests.</summary>
public static class BackendTestExperts
{
    /// <summary>Short timeouts and backoff so failure paths finish quickly; a breaker that stays closed unless a test says otherwise.</summary>
    public static ExpertCallPolicy FastPolicy(int maxRetries = 2, int failuresToOpen = 100, double firstTokenSeconds = 5) => new(
        ConnectTimeout: TimeSpan.FromSeconds(Math.Min(2, firstTokenSeconds)),
        FirstTokenTimeout: TimeSpan.FromSeconds(firstTokenSeconds),
        TotalTimeout: TimeSpan.FromSeconds(30),
        MaxRetries: maxRetries,
        BaseBackoff: TimeSpan.FromMilliseconds(10),
        FailuresToOpen: failuresToOpen,
        OpenDuration: TimeSpan.FromSeconds(30));

    public static ExpertDefinition Ollama(string id, string endpoint, ExpertCallPolicy? policy = null) =>
        new(id, BackendKind.Ollama, "llama-test", endpoint, new ExpertPricing(1m, 2m), ExpertTier.Local, ["chat"], Simulation: null, policy);

    public static ExpertDefinition OpenAi(string id, string endpoint, ExpertCallPolicy? policy = null, string? apiKeyVariable = null) =>
        new(id, BackendKind.OpenAiCompatible, "gpt-test", endpoint, new ExpertPricing(3m, 15m), ExpertTier.Premium, ["chat"], Simulation: null, policy, apiKeyVariable);

    public static Task<ChatResponse> AskAsync(IChatClient client, string prompt = "Say something", ChatOptions? options = null) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options);

    /// <summary>Reads a whole stream, keeping what arrived before any failure.</summary>
    public static async Task<(List<ChatResponseUpdate> Updates, Exception? Error)> StreamAsync(IChatClient client, string prompt = "Say something", ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)) updates.Add(update);
            return (updates, null);
        }
        catch (Exception ex)
        {
            return (updates, ex);
        }
    }
}

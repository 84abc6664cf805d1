using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Federation;

/// <summary>
/// The backend of a <see cref="BackendKind.Federated"/> expert: the prompt goes through this node's peer grain to the
/// peer that offers the expert (a call between silos), which answers within the tier and rate limit it gave this node.
/// </summary>
public sealed class FederatedChatClient(IGrainFactory grains, string localNode, ExpertDefinition definition) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text
            ?? throw new ArgumentException("A federated expert answers a user message; none was given.", nameof(messages));
        var request = new ExpertRequest(Guid.NewGuid().ToString("n"), prompt, new RequestOptions(options?.Temperature, options?.MaxOutputTokens));
        var answer = await grains.GetGrain<IFederationPeerGrain>(localNode)
            .AskPeerExpert(definition.Endpoint!, definition.Model, request).WaitAsync(cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = $"{definition.Endpoint}/{definition.Model}",
            Usage = new UsageDetails { InputTokenCount = answer.InputTokens, OutputTokenCount = answer.OutputTokens },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The peer answers whole: one update with the text and the usage.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>
/// Moecraft as a Microsoft.Extensions.AI <see cref="IChatClient"/>: each call goes through a router's request path, so
/// it composes with any IChatClient middleware (caching, OpenTelemetry, logging). The routing metadata rides on the
/// response: <see cref="ChatResponse.AdditionalProperties"/> under the <c>moecraft.*</c> keys of <see cref="RoutingProperties"/>,
/// and the raw <see cref="AskResult"/> as <see cref="ChatResponse.RawRepresentation"/>.
/// </summary>
/// <remarks>The prompt is the text of the conversation's messages, each on its own line with its role; chat options map
/// to <see cref="RequestOptions"/> (temperature, max output tokens), <see cref="ChatOptions.ConversationId"/> is not used.</remarks>
public sealed class MoecraftChatClient(IClusterClient cluster, MoecraftChatClientOptions? options = null) : IChatClient
{
    private readonly MoecraftChatClientOptions _options = options ?? new MoecraftChatClientOptions();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var result = await Router().Ask(request).WaitAsync(cancellationToken);
        return ToResponse(result);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        await foreach (var chunk in Router().AskStreaming(request).WithCancellation(cancellationToken))
        {
            if (chunk.Final is { } final)
            {
                var last = new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(final))])
                {
                    ResponseId = final.Decision.RouterId + ":" + request.RequestId,
                    ModelId = final.Answer.ExpertId,
                    FinishReason = ChatFinishReason.Stop,
                    AdditionalProperties = RoutingProperties.Of(final),
                    RawRepresentation = final,
                };
                yield return last;
            }
            else if (!string.IsNullOrEmpty(chunk.Text))
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text) { ResponseId = request.RequestId };
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("moecraft", null, _options.RouterId)
        : null;

    public void Dispose()
    {
        // The cluster client belongs to the caller.
    }

    private IChatRouterGrain Router() => cluster.GetGrain<IChatRouterGrain>(_options.RouterId);

    private AskRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one message is needed.", nameof(messages));
        // One user message is the prompt as is; a conversation becomes a transcript so the experts see its context.
        var prompt = list.Count == 1 ? list[0].Text : string.Join("\n", list.Select(m => $"{m.Role}: {m.Text}"));
        var requestOptions = new RequestOptions(options?.Temperature, options?.MaxOutputTokens);
        return new AskRequest(
            Guid.NewGuid().ToString("n"), prompt, requestOptions, _options.TenantId, _options.Policy, _options.Experts);
    }

    private static ChatResponse ToResponse(AskResult result) =>
        new(new ChatMessage(ChatRole.Assistant, result.Answer.Text))
        {
            ResponseId = result.Decision.RouterId,
            ModelId = result.Answer.ExpertId,
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(result),
            AdditionalProperties = RoutingProperties.Of(result),
            RawRepresentation = result,
        };

    private static UsageDetails Usage(AskResult result) => new()
    {
        InputTokenCount = result.Answer.InputTokens,
        OutputTokenCount = result.Answer.OutputTokens,
        TotalTokenCount = result.Answer.InputTokens + result.Answer.OutputTokens,
    };
}

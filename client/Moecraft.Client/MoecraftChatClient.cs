using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>
/// Moecraft as a Microsoft.Extensions.AI <see cref="IChatClient"/>: each call goes through a router's request path, so
/// it composes with any IChatClient middleware (caching, OpenTelemetry, logging). The routing metadata rides on the
/// response: <see cref="ChatResponse.AdditionalProperties"/> under the <c>moecraft.*</c> keys of <see cref="RoutingProperties"/>,
/// and the raw <see cref="AskResult"/> as <see cref="ChatResponse.RawRepresentation"/>.
/// </summary>
/// <remarks>The whole conversation goes to the experts (system, user, assistant and tool messages, function calls and results);
/// chat options map to <see cref="RequestOptions"/> (sampling, stop, seed, response format, tools, tool mode) through
/// <see cref="ChatMessageMapping"/>; <see cref="ChatOptions.ConversationId"/> is not used.</remarks>
public sealed class MoecraftChatClient(IClusterClient cluster, MoecraftChatClientOptions? options = null) : IChatClient
{
    private readonly MoecraftChatClientOptions _options = options ?? new MoecraftChatClientOptions();
    private readonly int _maxRequestBytes = MoecraftClientOptions.RequireRequestLimit(
        options?.MaxRequestBytes ?? RequestSize.DefaultMaxBytes, nameof(MoecraftChatClientOptions.MaxRequestBytes));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        // The request id is fixed above, so an ask lost with its gateway can be sent again (see FailoverRetry).
        var retry = cluster.ServiceProvider.GetService<FailoverRetry>() ?? FailoverRetry.Default;
        var result = await retry.AskAsync(() => Router().Ask(request)).WaitAsync(cancellationToken);
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
                var last = new ChatResponseUpdate(ChatRole.Assistant, [.. ChatMessageMapping.MessageOf(final with { Answer = final.Answer with { Text = "" } }).Contents, new UsageContent(Usage(final))])
                {
                    ResponseId = final.Decision.RouterId + ":" + request.RequestId,
                    ModelId = final.Answer.ExpertId,
                    FinishReason = ChatMessageMapping.FinishReasonOf(final),
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

    private IChatRouterGrain Router() => cluster.GetGrain<IChatRouterGrain>(RouterIds.Validate(_options.RouterId, nameof(MoecraftChatClientOptions.RouterId)));

    private AskRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var turns = ChatMessageMapping.TurnsOf(messages);
        if (turns.IsEmpty) throw new ArgumentException("At least one message is needed.", nameof(messages));
        // Checked here, so an oversized conversation or a malformed tenant id is never sent.
        return AskRequestPreflight.Validate(
            new AskRequest(
                Guid.NewGuid().ToString("n"), "", ChatMessageMapping.OptionsOf(options), _options.TenantId, _options.Policy, _options.Experts,
                Messages: turns),
            _maxRequestBytes);
    }

    private static ChatResponse ToResponse(AskResult result) =>
        new(ChatMessageMapping.MessageOf(result))
        {
            ResponseId = result.Decision.RouterId,
            ModelId = result.Answer.ExpertId,
            FinishReason = ChatMessageMapping.FinishReasonOf(result),
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

using Moecraft.Cluster;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Client;

// Asking: prompts through the full request path, streamed or not, feedback on the answers, and the
// Microsoft.Extensions.AI adapters over the same path.
public sealed partial class MoecraftClient
{
    /// <summary>Routes a prompt and returns the decision with the serving expert's answer.</summary>
    public Task<AskResult> AskAsync(string prompt, string routerId = ClusterSeed.DefaultRouterId, string? requestId = null) =>
        AskAsync(new AskRequest(requestId ?? Guid.NewGuid().ToString("n"), prompt), routerId);

    /// <summary>
    /// Asks through the full request path (tenant budget, cache, policy, ledger); see <see cref="AskRequest"/>. An ask that a
    /// silo or gateway going away interrupted is sent again with the same request id (the cluster answers an id once; see
    /// <see cref="FailoverRetry"/>).
    /// </summary>
    /// <exception cref="RequestTooLargeException">The request is over <see cref="MaxRequestBytes"/>; nothing was sent.</exception>
    /// <exception cref="ArgumentException">An id of the request or the router id is not well-formed; nothing was sent.</exception>
    public Task<AskResult> AskAsync(AskRequest request, string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = ChatRouter(routerId);
        var checkedRequest = AskRequestPreflight.Validate(request, MaxRequestBytes);
        return _retry.AskAsync(() => router.Ask(checkedRequest));
    }

    /// <summary>The same, streaming the answer; the last chunk carries the result and its routing metadata.</summary>
    /// <exception cref="RequestTooLargeException">The request is over <see cref="MaxRequestBytes"/>; nothing was sent.</exception>
    public IAsyncEnumerable<AskChunk> AskStreamingAsync(AskRequest request, string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = ChatRouter(routerId);
        return router.AskStreaming(AskRequestPreflight.Validate(request, MaxRequestBytes));
    }

    /// <summary>Feedback on an answered request: a score in [0, 1], or a preference between two experts that answered it.</summary>
    public Task SendFeedbackAsync(FeedbackRequest feedback, string routerId = ClusterSeed.DefaultRouterId)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var router = ChatRouter(routerId);
        RequestIds.Validate(feedback.RequestId, nameof(feedback));
        if (feedback.TenantId is { } tenant) TenantIds.Validate(tenant, nameof(feedback));
        return router.Feedback(feedback);
    }

    /// <summary>Moecraft as a Microsoft.Extensions.AI chat client, with this client's request limit unless the options set one.</summary>
    public MoecraftChatClient AsChatClient(MoecraftChatClientOptions? options = null)
    {
        options ??= new MoecraftChatClientOptions();
        return new(Cluster, options.MaxRequestBytes is null ? options with { MaxRequestBytes = MaxRequestBytes } : options);
    }

    /// <summary>Moecraft's embedding generator as a Microsoft.Extensions.AI embedding generator, with this client's request limit.</summary>
    public MoecraftEmbeddingGenerator AsEmbeddingGenerator(string routerId = ClusterSeed.DefaultRouterId) => new(Cluster, routerId, MaxRequestBytes);
}

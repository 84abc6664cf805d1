using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Embeddings;
using Moecraft.Experts;
using Orleans.Concurrency;

namespace Moecraft.Routing;

/// <summary>
/// The prompt request path: embed, route with the router layer, then ask the selected experts best gate first,
/// moving to the next one only when an expert fails before answering.
/// </summary>
[StatelessWorker, GrainType("chat-router")]
public sealed partial class ChatRouterGrain(HashingEmbedder embedder, ILogger<ChatRouterGrain> logger) : Grain, IChatRouterGrain
{
    public const int MaxPromptCharacters = 100_000;

    public async Task<AskResult> Ask(AskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt)) throw new ArgumentException("The prompt must not be empty.", nameof(request));
        if (request.Prompt.Length > MaxPromptCharacters)
            throw new ArgumentException($"The prompt has {request.Prompt.Length} characters; the limit is {MaxPromptCharacters}.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new ArgumentException("The request id must not be empty.", nameof(request));

        var routerId = this.GetPrimaryKeyString();
        using var activity = MoecraftDiagnostics.ActivitySource.StartActivity("moecraft.ask", ActivityKind.Internal);
        activity?.SetTag("moecraft.router", routerId);
        activity?.SetTag("moecraft.request_id", request.RequestId);

        var router = GrainFactory.GetGrain<IRouterLayerGrain>(routerId);
        var decision = await router.Route(ImmutableArray.Create(embedder.Embed(request.Prompt)));

        List<string>? failures = null;
        foreach (var selection in decision.Selected)
        {
            try
            {
                var answer = await GrainFactory.GetGrain<IExpertGrain>(selection.ExpertId)
                    .Invoke(new ExpertRequest(request.RequestId, request.Prompt));
                activity?.SetTag("moecraft.expert", answer.ExpertId);
                return new AskResult(decision, answer);
            }
            catch (ExpertCallFailedException ex)
            {
                (failures ??= []).Add(ex.Message);
                LogFailover(logger, routerId, selection.ExpertId, request.RequestId);
            }
        }

        throw new ExpertCallFailedException(
            decision.Selected[^1].ExpertId,
            $"Every selected expert failed for request '{request.RequestId}': {string.Join("; ", failures ?? [])}");
    }
}

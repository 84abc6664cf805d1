using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Api.Authentication;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary><c>POST /v1/chat/completions</c>: parse, resolve the model, map, ask the chat router, answer as OpenAI does.</summary>
public sealed class ChatCompletionsEndpoint(
    IGrainFactory grains,
    OpenAiModelCatalog catalog,
    KeyUsage keyUsage,
    IOptions<MoecraftApiOptions> options,
    TimeProvider time,
    ILogger logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var requestId = "";
        try
        {
            requestId = IdempotencyKeys.RequestIdOf(http.Request);
            var tenant = MoecraftClaims.RequireTenant(http.User);
            var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes);
            var request = OpenAiJson.Parse(body, OpenAiJsonContext.Default.ChatCompletionRequest);
            var route = await catalog.ResolveAsync(request.Model, request.Models, http.RequestAborted);
            var ask = ChatCompletionRequestMapper.Map(request, route, requestId, tenant);
            var router = grains.Reference<IChatRouterGrain>(route.RouterId);
            http.Response.Headers[ChatCompletionResponses.RequestIdHeader] = requestId;
            var created = time.GetUtcNow().ToUnixTimeSeconds();

            if (request.Stream == true)
            {
                var stream = new ChatCompletionStream(http, route, requestId, created, request.StreamOptions?.IncludeUsage == true, logger);
                if (await stream.RunAsync(router.AskStreaming(ask)) is { } streamed) await RecordTokensAsync(http, streamed);
                return Results.Empty;
            }

            var result = await router.Ask(ask);
            await RecordTokensAsync(http, result);
            var response = ChatCompletionResponses.Completion(requestId, route.RouterId, created, result);
            ChatCompletionResponses.WriteHeaders(http.Response.Headers, response.Moecraft!, result.Answer.ExpertId);
            return Results.Json(response, OpenAiJsonContext.Default.ChatCompletionResponse);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            return OpenAiEndpoints.Failure(http, logger, error);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client left mid-stream: nobody to tell
        }
    }

    /// <summary>Charges the answer's tokens to the key's tokens-per-minute limit (nothing without a key or a token limit).</summary>
    private Task RecordTokensAsync(HttpContext http, AskResult result) => keyUsage.RecordAsync(http, result.Answer.InputTokens + result.Answer.OutputTokens);
}

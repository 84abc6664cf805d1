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
    IOptions<MoecraftApiOptions> options,
    TimeProvider time,
    ILogger logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var requestId = ChatCompletionRequestMapper.NewRequestId();
        try
        {
            var tenant = MoecraftClaims.RequireTenant(http.User);
            var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes);
            var request = OpenAiJson.Parse(body, OpenAiJsonContext.Default.ChatCompletionRequest);
            var route = await catalog.ResolveAsync(request.Model, request.Models, http.RequestAborted);
            var ask = ChatCompletionRequestMapper.Map(request, route, requestId, tenant);
            var router = grains.GetGrain<IChatRouterGrain>(route.RouterId);
            http.Response.Headers[ChatCompletionResponses.RequestIdHeader] = requestId;
            var created = time.GetUtcNow().ToUnixTimeSeconds();

            if (request.Stream == true)
            {
                var stream = new ChatCompletionStream(http, route, requestId, created, request.StreamOptions?.IncludeUsage == true, logger);
                await stream.RunAsync(router.AskStreaming(ask));
                return Results.Empty;
            }

            var result = await router.Ask(ask);
            var response = ChatCompletionResponses.Completion(requestId, route.RouterId, created, result);
            ChatCompletionResponses.WriteHeaders(http.Response.Headers, response.Moecraft!, result.Answer.ExpertId);
            return Results.Json(response, OpenAiJsonContext.Default.ChatCompletionResponse);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            return OpenAiEndpoints.Failure(http, logger, error);
        }
    }
}

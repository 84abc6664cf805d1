using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Api.Authentication;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// The OpenAI-compatible surface under <c>/v1</c>: chat completions (plain and streamed), models, embeddings; errors in
/// OpenAI's shape; every endpoint requires a tenant.
/// </summary>
public static partial class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var grains = services.GetRequiredService<IGrainFactory>();
        var options = services.GetRequiredService<IOptions<MoecraftApiOptions>>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger("Moecraft.Api.OpenAi");
        // Owned by this surface (one per silo), so the composition root needs no registration for it.
        var catalog = new OpenAiModelCatalog(grains, options, time, loggers.CreateLogger<OpenAiModelCatalog>());
        var chat = new ChatCompletionsEndpoint(grains, catalog, services.GetRequiredService<KeyUsage>(), options, time, logger);
        var embeddings = new EmbeddingsEndpoint(grains, catalog, options, logger);
        var models = new ModelsEndpoint(catalog, logger);

        var v1 = endpoints.MapGroup("/v1").AddEndpointFilter<OpenAiAuthorizationFilter>().WithTags("OpenAI-compatible");
        // Typed as Func, not RequestDelegate: a route handler's IResult is executed and endpoint filters run.
        // Bodies are read by the handlers (size limit first), so the OpenAPI document learns their types from Accepts/Produces.
        v1.MapPost("/chat/completions", (Func<HttpContext, Task<IResult>>)chat.HandleAsync).WithName("CreateChatCompletion")
            .Accepts<ChatCompletionRequest>("application/json")
            .Produces<ChatCompletionResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .Produces<OpenAiErrorEnvelope>(StatusCodes.Status400BadRequest);
        v1.MapPost("/embeddings", (Func<HttpContext, Task<IResult>>)embeddings.HandleAsync).WithName("CreateEmbeddings")
            .Accepts<EmbeddingRequest>("application/json")
            .Produces<EmbeddingResponse<float[]>>()
            .Produces<OpenAiErrorEnvelope>(StatusCodes.Status400BadRequest);
        v1.MapGet("/models", (Func<HttpContext, Task<IResult>>)models.ListAsync).WithName("ListModels").Produces<ModelListDto>();
        // Model ids contain slashes (moecraft/auto).
        v1.MapGet("/models/{**id}", (HttpContext http, string id) => models.GetAsync(http, id)).WithName("GetModel")
            .Produces<ModelDto>().Produces<OpenAiErrorEnvelope>(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>A failure before the response started, in OpenAI's shape; unexpected ones are logged (their details are not sent).</summary>
    internal static IResult Failure(HttpContext http, ILogger logger, Exception error)
    {
        if (http.RequestAborted.IsCancellationRequested && error is OperationCanceledException) return Results.Empty;
        var (failure, param) = OpenAiErrors.Classify(error);
        if (failure.Status >= StatusCodes.Status500InternalServerError) LogFailed(logger, error, http.Request.Path, failure.Status);
        return OpenAiErrors.Result(failure, param);
    }
}

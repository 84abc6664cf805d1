using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Api.Authentication;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary><c>POST /v1/embeddings</c>: the model's router embeds the inputs; floats or base64 as asked.</summary>
public sealed class EmbeddingsEndpoint(IGrainFactory grains, OpenAiModelCatalog catalog, IOptions<MoecraftApiOptions> options, ILogger logger)
{
    public const int MaxInputs = 2048;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            MoecraftClaims.RequireTenant(http.User);
            var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes);
            var request = OpenAiJson.Parse(body, OpenAiJsonContext.Default.EmbeddingRequest);
            var inputs = Inputs(request.Input);
            var base64 = Base64(request.EncodingFormat);
            var route = await catalog.ResolveAsync(request.Model, null, http.RequestAborted);
            var vectors = await grains.Reference<IChatRouterGrain>(route.RouterId).Embed(inputs);
            if (request.Dimensions is { } dimensions && vectors.Length > 0 && dimensions != vectors[0].Length)
                throw OpenAiRequestException.BadRequest(
                    $"'{route.Model}' embeds into {vectors[0].Length} dimensions and cannot shorten them to {dimensions}.", "dimensions");

            var usage = new EmbeddingUsageDto { PromptTokens = inputs.Sum(TokenEstimate) };
            var model = request.Model!;
            return base64
                ? Results.Json(new EmbeddingResponse<string>
                {
                    Model = model, Usage = usage,
                    Data = [.. vectors.Select((v, i) => new EmbeddingDto<string> { Index = i, Embedding = Convert.ToBase64String(MemoryMarshal.AsBytes(v.AsSpan())) })],
                }, OpenAiJsonContext.Default.EmbeddingResponseString)
                : Results.Json(new EmbeddingResponse<float[]>
                {
                    Model = model, Usage = usage,
                    Data = [.. vectors.Select((v, i) => new EmbeddingDto<float[]> { Index = i, Embedding = v })],
                }, OpenAiJsonContext.Default.EmbeddingResponseSingleArray);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            return OpenAiEndpoints.Failure(http, logger, error);
        }
    }

    /// <summary><c>input</c>: a non-empty string or a non-empty array of non-empty strings.</summary>
    public static ImmutableArray<string> Inputs(JsonElement? input)
    {
        if (input is not { ValueKind: not JsonValueKind.Null } value)
            throw OpenAiRequestException.BadRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        if (value.ValueKind == JsonValueKind.String) return [NonEmpty(value.GetString()!, "input")];
        if (value.ValueKind != JsonValueKind.Array)
            throw OpenAiRequestException.BadRequest(
                $"Invalid type for 'input': expected a string or an array of strings, but got {OpenAiJson.KindName(value.ValueKind)} instead.", "input", "invalid_type");
        var count = value.GetArrayLength();
        if (count is 0 or > MaxInputs)
            throw OpenAiRequestException.BadRequest($"'input' must hold 1 to {MaxInputs} strings, got {count}.", "input");
        var texts = ImmutableArray.CreateBuilder<string>(count);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw OpenAiRequestException.BadRequest(
                    $"Invalid type for 'input[{i}]': expected a string (token arrays are not supported), but got {OpenAiJson.KindName(item.ValueKind)} instead.",
                    $"input[{i}]", "invalid_type");
            texts.Add(NonEmpty(item.GetString()!, $"input[{i}]"));
            i++;
        }
        return texts.MoveToImmutable();
    }

    private static bool Base64(string? format) => format switch
    {
        null or "float" => false,
        "base64" => true,
        _ => throw OpenAiRequestException.BadRequest($"Invalid value for 'encoding_format': '{format}'. Supported values are 'float' and 'base64'.", "encoding_format"),
    };

    private static string NonEmpty(string text, string field) =>
        text.Length > 0 ? text : throw OpenAiRequestException.BadRequest($"'{field}' must not be an empty string.", field);

    // The embedder reports no token counts: about four characters a token, as for answers without counts.
    private static long TokenEstimate(string text) => Math.Max(1, (text.Length + 3) / 4);
}

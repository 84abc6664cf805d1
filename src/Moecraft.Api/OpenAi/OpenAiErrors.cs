using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Moecraft.Api.OpenAi;

/// <summary>Writes failures in OpenAI's error shape, with the status (and <c>Retry-After</c>) from <see cref="ApiFailure"/>.</summary>
public static class OpenAiErrors
{
    /// <summary>The failure an exception means: a refused request keeps its field, anything else is classified by <see cref="ApiFailure.From"/>.</summary>
    public static (ApiFailure Failure, string? Param) Classify(Exception exception) => exception switch
    {
        OpenAiRequestException refused => (refused.Failure, refused.Param),
        _ => (ApiFailure.From(exception), null),
    };

    public static OpenAiErrorEnvelope Envelope(ApiFailure failure, string? param = null) =>
        new() { Error = new OpenAiErrorDto { Message = failure.Message, Type = failure.Type, Param = param, Code = failure.Code } };

    public static IResult Result(ApiFailure failure, string? param = null) => new ErrorResult(failure, param);

    public static async Task WriteAsync(HttpResponse response, ApiFailure failure, string? param = null)
    {
        response.StatusCode = failure.Status;
        if (failure.RetryAfter is { } retry)
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Envelope(failure, param), OpenAiJsonContext.Default.OpenAiErrorEnvelope, response.HttpContext.RequestAborted);
    }

    private sealed class ErrorResult(ApiFailure failure, string? param) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => failure.Status;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, failure, param);
    }
}

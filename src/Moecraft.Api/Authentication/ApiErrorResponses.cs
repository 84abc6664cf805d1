using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Moecraft.Api.Authentication;

/// <summary>
/// Writes an <see cref="ApiFailure"/> in the shape of the surface the request went to: under <c>/v1</c> OpenAI's error
/// object (<c>{"error":{"message","type","param","code"}}</c>), anywhere else RFC 7807 problem details with the same
/// status, plus <c>Retry-After</c> (whole seconds, rounded up) when the failure says when to try again.
/// </summary>
public static class ApiErrorResponses
{
    public const string OpenAiPrefix = "/v1";

    /// <summary>True when the request is on the OpenAI-compatible surface.</summary>
    public static bool IsOpenAi(HttpRequest request) => request.Path.StartsWithSegments(OpenAiPrefix, StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, ApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(failure);
        var response = context.Response;
        response.StatusCode = failure.Status;
        if (failure.RetryAfter is { } retryAfter) response.Headers[RateLimitHeaders.RetryAfter] = RateLimitHeaders.RetryAfterSeconds(retryAfter);
        return IsOpenAi(context.Request)
            ? response.WriteAsJsonAsync(OpenAiError(failure), JsonSerializerOptions.Web, context.RequestAborted)
            : response.WriteAsJsonAsync(Problem(failure, context.Request.Path), JsonSerializerOptions.Web, contentType: "application/problem+json", context.RequestAborted);
    }

    /// <summary>OpenAI's error object for <paramref name="failure"/>.</summary>
    public static OpenAiErrorBody OpenAiError(ApiFailure failure) => new(new OpenAiErrorDetail(failure.Message, failure.Type, null, failure.Code));

    /// <summary>RFC 7807 problem details for <paramref name="failure"/>, with OpenAI's type and code as extensions.</summary>
    public static ProblemDetails Problem(ApiFailure failure, string? instance = null)
    {
        var problem = new ProblemDetails
        {
            Status = failure.Status,
            Title = ReasonPhrases.GetReasonPhrase(failure.Status),
            Detail = failure.Message,
            Type = $"https://httpstatuses.io/{failure.Status}",
            Instance = instance,
        };
        problem.Extensions["code"] = failure.Code;
        problem.Extensions["errorType"] = failure.Type;
        return problem;
    }
}

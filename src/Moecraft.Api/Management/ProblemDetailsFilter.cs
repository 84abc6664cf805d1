using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Moecraft.Api.Management;

/// <summary>
/// Answers every exception of a management endpoint as RFC 7807 problem details: status from
/// <see cref="ManagementFailures.From"/>, the failure's message as the detail (a 500 names no internals), its code as an
/// extension. A request the client abandoned is not answered.
/// </summary>
public sealed partial class ProblemDetailsFilter(ILogger<ProblemDetailsFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var failure = ManagementFailures.From(exception);
            if (failure.Status >= StatusCodes.Status500InternalServerError)
                LogFailed(logger, exception, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return Problem(failure);
        }
    }

    /// <summary>The problem details of <paramref name="failure"/>.</summary>
    public static IResult Problem(ApiFailure failure)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (failure.Code is { } code) extensions["code"] = code;
        if (failure.RetryAfter is { } retry) extensions["retryAfterSeconds"] = (int)Math.Ceiling(retry.TotalSeconds);
        return TypedResults.Problem(
            detail: failure.Message,
            statusCode: failure.Status,
            title: ReasonPhrases.GetReasonPhrase(failure.Status),
            extensions: extensions);
    }
}

using Microsoft.AspNetCore.Http;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Api;

/// <summary>
/// What an exception from the cluster means to an HTTP caller: one classification shared by the OpenAI-shaped errors of
/// <c>/v1</c> and the problem details of <c>/moecraft</c>, so both surfaces answer the same failure with the same status.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Type">OpenAI's error type (<c>invalid_request_error</c>, <c>rate_limit_error</c>, ...).</param>
/// <param name="Code">OpenAI's error code (<c>insufficient_quota</c>, <c>rate_limit_exceeded</c>, ...) or null.</param>
/// <param name="Message">A message for the caller.</param>
/// <param name="RetryAfter">For 429 and 503: when to try again.</param>
public sealed record ApiFailure(int Status, string Type, string? Code, string Message, TimeSpan? RetryAfter = null)
{
    public static ApiFailure BadRequest(string message, string? code = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, message);

    public static ApiFailure NotFound(string message, string code = "model_not_found") =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", code, message);

    public static ApiFailure Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, "invalid_request_error", "invalid_api_key", message);

    public static ApiFailure Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, "permission_error", "forbidden", message);

    public static ApiFailure TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large", $"The request body exceeds the limit of {limit} bytes.");

    /// <summary>Classifies an exception a grain call threw; anything unexpected is a 500 that names no internals.</summary>
    public static ApiFailure From(Exception exception) => exception switch
    {
        FederationRefusedException refused => Forbidden(refused.Message),
        KeeperBudgetExhaustedException exhausted => new(StatusCodes.Status429TooManyRequests, "rate_limit_error", "keeper_budget_exhausted", exhausted.Message),
        ForkDetectedException fork => new(StatusCodes.Status409Conflict, "invalid_request_error", "fork_detected", fork.Message),
        AuditSequenceException race => new(StatusCodes.Status409Conflict, "invalid_request_error", "conflict", race.Message),
        RateLimitExceededException limited => new(StatusCodes.Status429TooManyRequests, "rate_limit_error", "rate_limit_exceeded", limited.Message, limited.RetryAfter),
        BudgetExceededException budget => new(StatusCodes.Status429TooManyRequests, "insufficient_quota", "insufficient_quota", budget.Message),
        ClusterHaltedException halted => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "cluster_halted", halted.Message),
        // The router was made with another embedder than this node's: an operator migrates it or reconfigures the node.
        EmbedderMismatchException mismatch => new(StatusCodes.Status409Conflict, "invalid_request_error", "embedder_mismatch", mismatch.Message),
        // A caller that bypassed the client SDK sent more than the silo admits (or the body limit is set above it).
        RequestTooLargeException tooLarge => new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large", tooLarge.Message),
        TenantNotConfiguredException unknown => new(StatusCodes.Status403Forbidden, "permission_error", "tenant_not_configured", unknown.Message),
        // The provider refused the request itself (too long, filtered): the caller's request, with the provider's code.
        ExpertCallFailedException { RequestRejected: true } refused => BadRequest(refused.Message, refused.ProviderCode ?? "upstream_rejected"),
        ExpertCallFailedException failed => new(StatusCodes.Status502BadGateway, "api_error", "upstream_failed", failed.Message),
        KernelUnavailableException unavailable => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "kernel_unavailable", unavailable.Message),
        ArgumentException invalid => BadRequest(invalid.Message),
        InvalidOperationException conflict => new(StatusCodes.Status409Conflict, "invalid_request_error", "conflict", conflict.Message),
        TimeoutException => new(StatusCodes.Status504GatewayTimeout, "timeout", "timeout", "The cluster did not answer in time; nothing was charged for an unanswered request."),
        _ => new(StatusCodes.Status500InternalServerError, "server_error", null, "The server failed to process the request."),
    };
}

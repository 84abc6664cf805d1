using Microsoft.AspNetCore.Http;
using Moecraft.Audit;
using Moecraft.Federation;
using Moecraft.Kernel;

namespace Moecraft.Api.Management;

/// <summary>
/// The status of an exception under <c>/moecraft</c>: the endpoint's own <see cref="ManagementProblem"/>, then the few
/// management-only exceptions <see cref="ApiFailure.From"/> does not know (federation refusals, keeper budgets, forks, audit
/// sequence races), then <see cref="ApiFailure.From"/>, so both HTTP surfaces classify the shared cases alike.
/// </summary>
public static class ManagementFailures
{
    public static ApiFailure From(Exception exception) => exception switch
    {
        ManagementProblem problem => problem.Failure,
        FederationRefusedException refused => ApiFailure.Forbidden(refused.Message),
        KeeperBudgetExhaustedException exhausted => new(StatusCodes.Status429TooManyRequests, "rate_limit_error", "keeper_budget_exhausted", exhausted.Message),
        ForkDetectedException fork => new(StatusCodes.Status409Conflict, "invalid_request_error", "fork_detected", fork.Message),
        AuditSequenceException race => new(StatusCodes.Status409Conflict, "invalid_request_error", "conflict", race.Message),
        _ => ApiFailure.From(exception),
    };
}

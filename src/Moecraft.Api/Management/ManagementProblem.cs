namespace Moecraft.Api.Management;

/// <summary>
/// A failure a management endpoint decided itself (bad input, not allowed, not found): thrown by the handler and answered
/// as problem details with its <see cref="ApiFailure"/>'s status by <see cref="ProblemDetailsFilter"/>.
/// </summary>
public sealed class ManagementProblem(ApiFailure failure) : Exception(failure.Message)
{
    public ApiFailure Failure { get; } = failure;

    public static ManagementProblem BadRequest(string message) => new(ApiFailure.BadRequest(message));

    public static ManagementProblem NotFound(string message) => new(ApiFailure.NotFound(message, "not_found"));

    public static ManagementProblem Forbidden(string message) => new(ApiFailure.Forbidden(message));
}

namespace Moecraft.Api.Management;

/// <summary>
/// The status of an exception under <c>/moecraft</c>: the endpoint's own <see cref="ManagementProblem"/>, else the one
/// classification both HTTP surfaces share (<see cref="ApiFailure.From"/>).
/// </summary>
public static class ManagementFailures
{
    public static ApiFailure From(Exception exception) => exception is ManagementProblem problem ? problem.Failure : ApiFailure.From(exception);
}

using System.ClientModel;
using System.Net;
using System.Net.Sockets;

namespace Moecraft.Experts.Resilience;

/// <summary>
/// Sorts backend failures: which are worth a retry (the backend may answer next time) and which say the backend
/// is unwell (they count towards opening its circuit). A request the backend rejected as bad (HTTP 4xx other than
/// 408 and 429) is neither: retrying cannot help and the backend is fine.
/// </summary>
public static class ExpertFaults
{
    /// <summary>True for connection failures, timeouts, HTTP 408/429/5xx and streams that broke off before any output.</summary>
    public static bool IsRetryable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TruncatedAnswerException truncated:
                    return !truncated.OutputProduced;
                case ExpertTimeoutException:
                    return true;
                case ExpertUnavailableException:
                    return false;
                case HttpRequestException { StatusCode: { } status }:
                    return IsRetryableStatus((int)status);
                case HttpRequestException:
                    // No status: the request never got an HTTP answer (refused, reset, DNS, TLS).
                    return true;
                case ClientResultException { Status: > 0 } result:
                    return IsRetryableStatus(result.Status);
                case IOException or SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>False for failures that are the request's fault (bad arguments, HTTP 4xx other than 408/429); true otherwise.</summary>
    public static bool CountsAgainstCircuit(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ArgumentException) return false;
        return StatusOf(exception) is not { } status || !IsClientError(status);
    }

    /// <summary>The HTTP status the backend answered with, when the failure carries one.</summary>
    public static int? StatusOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { StatusCode: { } status }: return (int)status;
                case ClientResultException { Status: > 0 } result: return result.Status;
            }
        }
        return null;
    }

    private static bool IsRetryableStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    private static bool IsClientError(int status) => status is >= 400 and < 500 && !IsRetryableStatus(status);
}

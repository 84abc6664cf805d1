using Orleans.Runtime.Messaging;

namespace Moecraft.Client;

/// <summary>
/// Sends a call that is safe to repeat again while the cluster replaces a dead silo, each time through the gateway in
/// use by then, until <see cref="Window"/> has passed; then the last failure stands. A read is sent again after any
/// failure that says a silo or gateway went away. An ask (the cluster carries out a request id once, and answers a
/// repeated id with the stored answer) only when it was lost on the way: its gateway was lost with the call in flight,
/// no gateway could be reached, or the message could not be sent on (a connection to a dead silo); a failure the cluster
/// answered stands, since a repeat would only hear that the id already failed.
/// </summary>
public sealed class FailoverRetry(TimeSpan window, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>The retry of a client built without <see cref="ClientBuilderExtensions.UseMoecraftCluster"/>.</summary>
    public static FailoverRetry Default { get; } = new(MoecraftClientOptions.DefaultRetryWindow, TimeProvider.System);

    /// <summary>How long after the first attempt a call may still be sent again; zero sends every call once.</summary>
    public TimeSpan Window => window;

    /// <summary>The call never reached the cluster (or the grain it was for), or its answer was lost with its gateway.</summary>
    /// <remarks>
    /// The chaos test found the last case: an ask committed on a silo that died before answering, its repeat refused with
    /// "unable to connect" while the client still knew the dead gateway; not sent again, it was reported failed although
    /// the first attempt had been charged. Sent again, it gets the stored answer.
    /// </remarks>
    public static bool IsLostOnTheWay(Exception error) =>
        error is ConnectionFailedException
            or SiloUnavailableException { InnerException: GatewayLostException }
            or OrleansMessageRejectionException { InnerException: ConnectionFailedException };

    /// <summary>A silo or gateway the call needed went away (or is being replaced), so the same call may succeed soon.</summary>
    public static bool IsSiloOrGatewayGone(Exception error) =>
        IsLostOnTheWay(error) || error is OrleansMessageRejectionException or GatewayTooBusyException;

    /// <summary>A read: sent again while <see cref="IsSiloOrGatewayGone"/>.</summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> read) => RunAsync(read, IsSiloOrGatewayGone);

    /// <summary>An ask with its request id fixed before the first attempt: sent again while <see cref="IsLostOnTheWay"/>.</summary>
    public Task<T> AskAsync<T>(Func<Task<T>> ask) => RunAsync(ask, IsLostOnTheWay);

    private async Task<T> RunAsync<T>(Func<Task<T>> call, Func<Exception, bool> retryable)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = time.GetUtcNow() + window;
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (retryable(error) && time.GetUtcNow() + pause <= deadline)
            {
                await Task.Delay(pause, time);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }
}

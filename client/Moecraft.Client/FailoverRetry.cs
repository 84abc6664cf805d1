using Orleans.Runtime.Messaging;

namespace Moecraft.Client;

/// <summary>
/// Sends a call that is safe to repeat again while the cluster replaces a dead silo, each time through the gateway in
/// use by then, until <see cref="Window"/> has passed; then the last failure stands. A call is sent again after a failure
/// that says a silo or gateway it needed went away; any other failure stands. Reads are safe to repeat, and so are asks:
/// the cluster carries out a request id once and answers a repeated id with the first attempt's outcome (the stored
/// answer, charged once, or a clear error when it ended without one).
/// </summary>
public sealed class FailoverRetry(TimeSpan window, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>The retry of a client built without <see cref="ClientBuilderExtensions.UseMoecraftCluster"/>.</summary>
    public static FailoverRetry Default { get; } = new(MoecraftClientOptions.DefaultRetryWindow, TimeProvider.System);

    /// <summary>How long after the first attempt a call may still be sent again; zero sends every call once.</summary>
    public TimeSpan Window => window;

    /// <summary>A silo or gateway the call needed went away (or is being replaced), so the same call may succeed soon.</summary>
    /// <remarks>
    /// The chaos test found why asks need all of these, not only the failures that show the call never arrived: an ask
    /// committed (and charged) on a silo that died before answering, and its repeat was rejected with "unable to connect" by
    /// a gateway that still routed the id's grain to the dead silo. Reported failed, it had been charged; sent again until
    /// the cluster has moved on, it gets the stored answer.
    /// </remarks>
    public static bool IsSiloOrGatewayGone(Exception error) =>
        // SiloUnavailableException (the silo that held the call died, or its gateway was lost) is a rejection too.
        error is ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException;

    /// <summary>A read: sent again while <see cref="IsSiloOrGatewayGone"/>.</summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> read) => RunAsync(read);

    /// <summary>An ask with its request id fixed before the first attempt: sent again while <see cref="IsSiloOrGatewayGone"/>.</summary>
    public Task<T> AskAsync<T>(Func<Task<T>> ask) => RunAsync(ask);

    private async Task<T> RunAsync<T>(Func<Task<T>> call)
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
            catch (Exception error) when (IsSiloOrGatewayGone(error) && time.GetUtcNow() + pause <= deadline)
            {
                await Task.Delay(pause, time);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }
}

using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>Where the cluster is. Defaults match a silo started with `dotnet run --project silo`.</summary>
public sealed class MoecraftClientOptions
{
    public ClusterConnectionMode Mode { get; set; } = ClusterConnectionMode.Localhost;

    /// <summary>Gateway ports of local silos (localhost mode).</summary>
    public int[] GatewayPorts { get; set; } = [30000];

    /// <summary>PostgreSQL connection string of the cluster's membership table (ADO.NET mode).</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "moecraft";

    public string ServiceId { get; set; } = "moecraft";

    /// <summary>
    /// The largest request the client sends, in bytes of text (<see cref="RequestSize"/>; default 1 MiB, at most 64 MiB): a
    /// larger one is refused with <see cref="RequestTooLargeException"/> before it is sent, so it never reaches Orleans'
    /// message limit (which would cut the connection and fail every call on it). Silos admit at most 1 MiB.
    /// </summary>
    public int MaxRequestBytes { get; set; } = RequestSize.DefaultMaxBytes;

    /// <summary>
    /// How long a call waits for its answer (Orleans' response timeout). A call whose gateway is lost does not wait for it:
    /// it fails at once (see README, "Failover").
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the client reads the cluster's gateway list again (ADO.NET mode): a gateway that left the membership while
    /// its connection stayed open (a machine that vanished) is given up at the next read.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a call that is safe to repeat (a read, an ask with its request id) is sent again while the cluster replaces
    /// a dead silo (see <see cref="FailoverRetry"/>); zero sends every call once.
    /// </summary>
    public TimeSpan RetryWindow { get; set; } = DefaultRetryWindow;

    /// <summary>
    /// The default <see cref="RetryWindow"/>: a few times what a silo's death takes to be noticed and repaired on a busy
    /// machine. 10 s was too short once: under a load average near 30 on two cores, an ask charged on a silo that then died
    /// was refused on every repeat for 10 s (the dead silo not yet declared), so it was reported failed although charged.
    /// </summary>
    public static TimeSpan DefaultRetryWindow { get; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Mode == ClusterConnectionMode.AdoNet && string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("A connection string is required to find an ADO.NET cluster.", nameof(ConnectionString));
        if (Mode == ClusterConnectionMode.Localhost && (GatewayPorts.Length == 0 || GatewayPorts.Any(p => p is < 1 or > 65535)))
            throw new ArgumentException("Localhost mode needs at least one gateway port between 1 and 65535.", nameof(GatewayPorts));
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
            throw new ArgumentException("Cluster id and service id must not be empty.");
        if (ResponseTimeout < TimeSpan.FromSeconds(1) || ResponseTimeout > TimeSpan.FromDays(1))
            throw new ArgumentException($"The response timeout must be 1 s to 1 day; got {ResponseTimeout:c}.", nameof(ResponseTimeout));
        if (GatewayListRefreshPeriod < TimeSpan.FromMilliseconds(100) || GatewayListRefreshPeriod > TimeSpan.FromHours(1))
            throw new ArgumentException($"The gateway list refresh period must be 100 ms to 1 hour; got {GatewayListRefreshPeriod:c}.", nameof(GatewayListRefreshPeriod));
        if (RetryWindow < TimeSpan.Zero || RetryWindow > TimeSpan.FromMinutes(10))
            throw new ArgumentException($"The retry window must be zero to 10 minutes; got {RetryWindow:c}.", nameof(RetryWindow));
        RequireRequestLimit(MaxRequestBytes, nameof(MaxRequestBytes));
    }

    /// <summary>Throws unless <paramref name="maxRequestBytes"/> is 1 byte to <see cref="RequestSize.LargestMaxBytes"/>.</summary>
    internal static int RequireRequestLimit(int maxRequestBytes, string parameterName)
    {
        if (maxRequestBytes is < 1 or > RequestSize.LargestMaxBytes)
            throw new ArgumentException(
                $"The request limit must be 1 to {RequestSize.LargestMaxBytes} bytes (below Orleans' message limit), not {maxRequestBytes}.", parameterName);
        return maxRequestBytes;
    }
}

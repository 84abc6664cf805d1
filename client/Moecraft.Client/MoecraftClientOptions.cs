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

    public void Validate()
    {
        if (Mode == ClusterConnectionMode.AdoNet && string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("A connection string is required to find an ADO.NET cluster.", nameof(ConnectionString));
        if (Mode == ClusterConnectionMode.Localhost && (GatewayPorts.Length == 0 || GatewayPorts.Any(p => p is < 1 or > 65535)))
            throw new ArgumentException("Localhost mode needs at least one gateway port between 1 and 65535.", nameof(GatewayPorts));
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
            throw new ArgumentException("Cluster id and service id must not be empty.");
    }
}

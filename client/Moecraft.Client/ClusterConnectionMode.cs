namespace Moecraft.Client;

/// <summary>How the client finds the cluster's gateways.</summary>
public enum ClusterConnectionMode
{
    /// <summary>A single-node silo on this machine (the embedded default).</summary>
    Localhost,

    /// <summary>A cluster whose membership lives in PostgreSQL through the Orleans ADO.NET provider.</summary>
    AdoNet,
}

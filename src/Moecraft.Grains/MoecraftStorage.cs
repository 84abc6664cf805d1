namespace Moecraft;

/// <summary>Names of the grain storage providers the grains persist to.</summary>
public static class MoecraftStorage
{
    /// <summary>The one grain storage provider: ADO.NET on SQLite (single node) or PostgreSQL (cluster).</summary>
    public const string Name = "moecraft";
}

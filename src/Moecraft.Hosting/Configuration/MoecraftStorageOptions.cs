using Microsoft.Data.Sqlite;
using Moecraft.Hosting.Schema;

namespace Moecraft.Hosting.Configuration;

/// <summary>Where grain state lives: an embedded SQLite file (single node, the default) or PostgreSQL (cluster).</summary>
public sealed class MoecraftStorageOptions
{
    public const string DatabaseFileName = "moecraft.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Directory of the SQLite database file; defaults to the user's local application data folder.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>PostgreSQL connection string; required when <see cref="Provider"/> is PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    public string ResolveDataDirectory() =>
        string.IsNullOrWhiteSpace(DataDirectory)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "moecraft")
            : Path.GetFullPath(DataDirectory);

    public string ResolveConnectionString() => Provider switch
    {
        StorageProvider.Sqlite => new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(ResolveDataDirectory(), DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString(),
        StorageProvider.PostgreSql => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException("Moecraft:Storage:ConnectionString is required when Moecraft:Storage:Provider is PostgreSql.")
            : ConnectionString,
        _ => throw new InvalidOperationException($"Unknown storage provider '{Provider}'."),
    };

    public string Invariant => Provider == StorageProvider.Sqlite ? AdoNetInvariants.Sqlite : AdoNetInvariants.PostgreSql;
}

namespace Moecraft.Hosting;

/// <summary>The relational databases Moecraft can keep Orleans state in.</summary>
public enum StorageProvider
{
    /// <summary>A single SQLite file: grain persistence only, for local single-process use.</summary>
    Sqlite,

    /// <summary>PostgreSQL: clustering, grain persistence and reminders.</summary>
    PostgreSql,
}

namespace Moecraft.Hosting;

/// <summary>
/// ADO.NET invariant names Orleans uses to pick a database driver (the <c>Invariant</c> option of the
/// AdoNet clustering, persistence and reminder providers).
/// </summary>
public static class AdoNetInvariants
{
    /// <summary>
    /// SQLite through Microsoft.Data.Sqlite. Orleans keeps the historical name here; the invariant
    /// "Microsoft.Data.Sqlite" is rejected by Orleans 10.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";

    /// <summary>PostgreSQL through Npgsql.</summary>
    public const string PostgreSql = "Npgsql";

    /// <summary>The invariant for <paramref name="provider"/>.</summary>
    public static string For(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => Sqlite,
        StorageProvider.PostgreSql => PostgreSql,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };
}

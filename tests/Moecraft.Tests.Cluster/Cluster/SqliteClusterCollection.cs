namespace Moecraft.Tests.Cluster;

/// <summary>The tests that share one <see cref="SqliteClusterFixture"/> (xunit wants a collection in the tests' own assembly).</summary>
[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = nameof(SqliteClusterCollection);
}

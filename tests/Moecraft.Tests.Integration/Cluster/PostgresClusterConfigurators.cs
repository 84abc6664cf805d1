using Microsoft.Extensions.Configuration;
using Moecraft.Client;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Moecraft.Tests.Cluster;

/// <summary>
/// Silo side of the real-membership test cluster: ADO.NET clustering, reminders and grain storage on PostgreSQL,
/// through the product's own composition methods. The connection string arrives through the cluster's properties.
/// </summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "Moecraft:Test:PostgresConnectionString";

    public void Configure(ISiloBuilder silo)
    {
        var connectionString = silo.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"{ConnectionStringKey} is not set.");
        var options = new MoecraftSiloOptions
        {
            Storage = new MoecraftStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString },
            Seed = new MoecraftSeedOptions { Enabled = false },
            // Not a test of the model: the hashing embedder (no model to load, microseconds a prompt).
            Embeddings = new MoecraftEmbeddingOptions { Embedder = MoecraftEmbeddingOptions.Hashing },
            // PostgreSQL mode has no data directory of its own: each test silo gets a key of its own under temp, as
            // each node of a real cluster has, instead of the default under the user's profile.
            Identity = new MoecraftIdentityOptions
            {
                KeyFile = Path.Combine(Path.GetTempPath(), "moecraft-test-node-keys", $"{Guid.NewGuid():n}.key"),
            },
        };
        silo.UseMoecraftPostgresMembership(connectionString).AddMoecraft(options);

        // Declare a killed silo dead within seconds instead of the production minute.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
    }
}

/// <summary>Client side: the client SDK's own ADO.NET mode finds the gateways in the PostgreSQL membership table.</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client) =>
        client.UseMoecraftCluster(new MoecraftClientOptions
        {
            Mode = ClusterConnectionMode.AdoNet,
            ConnectionString = configuration[PostgresSiloConfigurator.ConnectionStringKey],
            ClusterId = configuration["Orleans:ClusterId"] ?? throw new InvalidOperationException("Orleans:ClusterId is not set."),
            ServiceId = configuration["Orleans:ServiceId"] ?? throw new InvalidOperationException("Orleans:ServiceId is not set."),
        });
}

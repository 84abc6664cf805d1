using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Audit;
using Moecraft.Caching;
using Moecraft.Embeddings;
using Moecraft.Experts.Embeddings;
using Moecraft.Experts.Replay;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Hosting.Audit;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Embeddings;
using Moecraft.Hosting.Federation;
using Moecraft.Hosting.Identity;
using Moecraft.Hosting.Knowledge;
using Moecraft.Hosting.Ledger;
using Moecraft.Hosting.Schema;
using Moecraft.Hosting.Seeding;
using Moecraft.Identity;
using Moecraft.Journal;
using Moecraft.Ledger;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Moecraft.Hosting;

/// <summary>
/// The one place a Moecraft silo is composed. The silo host and the test clusters call these same methods,
/// so what the tests exercise is what runs in production.
/// </summary>
public static class SiloBuilderExtensions
{
    /// <summary>Grain services and grain storage (with schema bootstrap) on the configured database.</summary>
    public static ISiloBuilder AddMoecraft(this ISiloBuilder silo, MoecraftSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = options.Storage;
        var connectionString = storage.ResolveConnectionString();

        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddSingleton(TimeProvider.System);
        if (options.Replay.DatasetPath is { Length: > 0 } dataset)
            silo.Services.AddSingleton<IReplayChatClientSource>(new ReplayDatasetSource(ReplayDataset.Load(dataset)));
        silo.Services.AddSingleton(services => new ExpertBackendFactory(
            services.GetRequiredService<TimeProvider>(), services.GetService<IReplayChatClientSource>(),
            // A federated expert is called through this silo's node peer grain (its name is the silo's).
            definition => new FederatedChatClient(
                services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<ILocalSiloDetails>().Name, definition)));
        silo.Services.AddSingleton(_ => new HashingEmbedder(HashingEmbedder.DefaultDimension));
        // One embedder per silo (a model instance is thread-safe and large); a bad Moecraft:Embeddings section stops here.
        options.Embeddings.Resolve();
        silo.Services.AddSingleton(services => SiloEmbedders.Create(options.Embeddings, services.GetRequiredService<HashingEmbedder>()));
        silo.Services.AddSingleton(services => services.GetRequiredService<SiloEmbedder>().Generator);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, EmbedderWarmup>();
        // The cache's time to live, capacity and guard; its threshold and dimension come per embedder (SurrogateCacheGrain).
        silo.Services.AddSingleton(SemanticCacheOptions.Default);
        // Governance: this silo's cache of the policy and halt flag, fed by pushes through a silo-pinned grain.
        silo.Services.AddSingleton(services => new GovernanceCache(
            services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>()));
        silo.Services.AddPlacementDirector<SiloPinnedPlacementStrategy, SiloPinnedPlacementDirector>();
        silo.Services.AddSingleton(services => new Journalist(
            services.GetRequiredService<IGrainFactory>(), options.NodeName,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<Journalist>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaBootstrap(storage));
        // Every silo is ready to take over a router layer the moment another silo dies.
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TorchWarmup>();

        silo.AddAdoNetGrainStorage(MoecraftStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> builder) =>
            builder.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = storage.Invariant;
                o.ConnectionString = connectionString;
                // Orleans' binary format honours [Id]s, so persisted contracts stay readable as they evolve.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));

        // Registered after the provider, so this keyed registration is the one grains and the lifecycle resolve: keys are
        // checked before the database sees them, and on SQLite writes queue for its one writer.
        silo.Services.AddKeyedSingleton<IGrainStorage>(MoecraftStorage.Name, (services, key) =>
        {
            var provider = AdoNetGrainStorageFactory.Create(services, (string)key!);
            return new WellFormedKeyGrainStorage(storage.Provider == StorageProvider.Sqlite
                ? new SingleWriterGrainStorage(provider, services.GetRequiredService<DatabaseWriteGate>())
                : provider);
        });

        // The ledger writes to the same database; as a lifecycle participant it drains its queue on a graceful stop.
        // One writer gate per database: on SQLite grain storage and the ledger queue for it instead of colliding.
        silo.Services.AddSingleton(new DatabaseWriteGate(storage.Provider));
        silo.Services.AddSingleton<ILedgerStore>(services => new SqlLedgerStore(
            storage.Provider, connectionString, services.GetRequiredService<Serializer>(), services.GetRequiredService<DatabaseWriteGate>()));
        silo.Services.AddSingleton(options.Ledger);
        silo.Services.AddSingleton(options.Tenants.ToLease());
        silo.Services.AddSingleton<BatchingLedger>();
        silo.Services.AddSingleton<ILedger>(services => services.GetRequiredService<BatchingLedger>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<BatchingLedger>());

        // Node identity: the key file is read (or created, 0600) when the silo starts; only the signer ever holds the key.
        var keyFile = options.Identity.ResolveKeyFile(storage);
        silo.Services.AddSingleton<INodeSigner>(_ => NodeKey.LoadOrCreate(keyFile));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NodeIdentityBootstrap>();

        // Audit logs: one row per entry in the same database, behind the (log, seq) key.
        silo.Services.AddSingleton<IAuditStore>(new SqlAuditStore(storage.Provider, connectionString));
        // Federation knowledge feeds: one row per held packet, behind the (holder, origin, seq) key.
        silo.Services.AddSingleton<IKnowledgeStore>(new SqlKnowledgeStore(storage.Provider, connectionString));
        silo.Services.AddSingleton(options.Audit.ToSettings());
        silo.Services.AddSingleton(options.Routers.ToSettings());

        // Federation: each node's peer grain lives on the silo named after the node (a placement by silo name).
        silo.Services.AddSingleton(options.Federation.ToSettings());
        silo.Services.AddKeyedSingleton<TimeProvider>(FederationSettings.TimeProviderKey, (services, _) => services.GetRequiredService<TimeProvider>());
        // Nodes of other clusters are reached through their federation surfaces (signed HTTP); one pooled client per silo.
        silo.Services.AddSingleton<FederationHttp>();
        silo.Services.AddPlacementDirector<NodePlacementStrategy, NodePlacementDirector>();
        // Once the silo is active, the node's own peer discovers the others (and so starts its heartbeat timer).
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, FederationStartup>();

        silo.AddStartupTask<ClusterSeeder>();
        return silo;
    }

    /// <summary>
    /// Node identity, clustering, failover and reminders: localhost clustering for the embedded SQLite mode (SQLite cannot
    /// hold Orleans membership), ADO.NET clustering and reminders on PostgreSQL for cluster mode.
    /// </summary>
    public static ISiloBuilder UseMoecraftClustering(this ISiloBuilder silo, MoecraftSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The node name keys the node's federation peer and journal grains: a bad one stops the silo here.
        PeerNames.Validate(options.NodeName, "Moecraft:NodeName");
        silo.Configure<SiloOptions>(o => o.SiloName = options.NodeName);
        silo.UseMoecraftFailover(options.Failover);
        var endpoints = options.Endpoints;

        if (options.Storage.Provider == StorageProvider.Sqlite)
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.UseInMemoryReminderService();
            return silo;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.UseMoecraftPostgresMembership(options.Storage.ResolveConnectionString());

        if (string.IsNullOrWhiteSpace(endpoints.AdvertisedHost))
            silo.ConfigureEndpoints(IPAddress.Loopback, endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
        else
            silo.ConfigureEndpoints(endpoints.AdvertisedHost, endpoints.SiloPort, endpoints.GatewayPort,
                listenOnAnyHostAddress: endpoints.ListenOnAnyHostAddress);
        // The gateway trusts every client that connects (no credential): it listens on loopback unless the operator says
        // the network it would listen on is trusted. The HTTP API, with keys, is the public door.
        if (!endpoints.GatewayOnTrustedNetwork)
            silo.Configure<EndpointOptions>(o => o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, o.GatewayPort));
        return silo;
    }

    /// <summary>
    /// Membership probes and call timeouts ("Moecraft:Failover"): how fast a dead silo is declared dead, so calls waiting on
    /// it fail and its grains activate elsewhere, and how long a call between silos waits for its answer.
    /// </summary>
    public static ISiloBuilder UseMoecraftFailover(this ISiloBuilder silo, MoecraftFailoverOptions failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        failover.Validate();
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = failover.ProbeTimeout;
            o.NumMissedProbesLimit = failover.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = failover.NumVotesForDeathDeclaration;
            o.NumProbedSilos = failover.NumProbedSilos;
            o.DeathVoteExpirationTimeout = failover.DeathVoteExpirationTimeout;
            o.IAmAliveTablePublishTimeout = failover.IAmAliveTablePublishTimeout;
            o.TableRefreshTimeout = failover.TableRefreshTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = failover.ResponseTimeout);
        return silo;
    }

    /// <summary>ADO.NET clustering and reminders on PostgreSQL (cluster mode), without touching endpoints or names.</summary>
    public static ISiloBuilder UseMoecraftPostgresMembership(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariants.PostgreSql;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariants.PostgreSql;
            o.ConnectionString = connectionString;
        });
        return silo;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Federation;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Identity;
using Moecraft.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// An in-process cluster of N silos on one SQLite file in which every silo is its own federation node: its node name is
/// its silo name and it has its own key file (<c>{data}/keys/{silo}.key</c>), composed with the same
/// <see cref="SiloBuilderExtensions.AddMoecraft"/> as the silo host. The heartbeat timer is off unless asked for; with a
/// <see cref="FakeTimeProvider"/> the federation peers' clock is the test's (everything else keeps real time).
/// </summary>
public sealed class FederationTestCluster : IAsyncDisposable
{
    private readonly TempDirectory _data = new("moecraft-federation");

    private FederationTestCluster(
        short nodes, FakeTimeProvider? clock, bool heartbeatTimer, Action<string, MoecraftSiloOptions>? configure, Action<ISiloBuilder>? configureSilo)
    {
        Clock = clock;
        var serviceId = new MoecraftSiloOptions().ServiceId;
        var builder = new InProcessTestClusterBuilder(nodes);
        builder.Options.ConfigureFileLogging = false;
        // Stored rows are keyed by service id: a fixed one lets a restarted silo read what its predecessor wrote.
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            var options = NodeOptions(silo.SiloName, heartbeatTimer);
            configure?.Invoke(silo.SiloName, options);
            siloBuilder.AddMoecraft(options).UseInMemoryReminderService();
            // These silos model sovereign nodes of different owners inside one test cluster: their tiers are the tests' to set.
            siloBuilder.Services.AddSingleton(options.Federation.ToSettings() with { InClusterPeersCore = false });
            // Only the federation peers' clock: Orleans' own timing (placement retries, say) keeps real time.
            if (clock is not null) siloBuilder.Services.AddKeyedSingleton<TimeProvider>(FederationSettings.TimeProviderKey, clock);
            configureSilo?.Invoke(siloBuilder);
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The federation peers' clock when the cluster runs it on fake time; null on real time.</summary>
    public FakeTimeProvider? Clock { get; }

    public string DataDirectory => _data.Path;

    /// <summary>The node names, which are the names of the silos started with the cluster, in order.</summary>
    public IReadOnlyList<string> Nodes { get; private set; } = [];

    /// <summary>
    /// Starts <paramref name="nodes"/> silos on a fresh database. <paramref name="clock"/> (optional) drives the federation
    /// peers' time; <paramref name="heartbeatTimer"/> turns on the peers' heartbeat timer; <paramref name="configure"/> adjusts a
    /// node's options (given its name) after the defaults; <paramref name="configureSilo"/> adds to each silo (a log capture, say).
    /// </summary>
    public static async Task<FederationTestCluster> StartAsync(
        short nodes = 3, FakeTimeProvider? clock = null, bool heartbeatTimer = false, Action<string, MoecraftSiloOptions>? configure = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var cluster = new FederationTestCluster(nodes, clock, heartbeatTimer, configure, configureSilo);
        try
        {
            await cluster.Cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        cluster.Nodes = [.. cluster.Cluster.Silos.Select(s => s.Name)];
        return cluster;
    }

    public IFederationPeerGrain Peer(string node) => Client.GetGrain<IFederationPeerGrain>(node);

    /// <summary>The active silo named <paramref name="node"/>.</summary>
    public InProcessSiloHandle Silo(string node) =>
        Cluster.GetActiveSilos().SingleOrDefault(s => s.Name == node) ?? throw new InvalidOperationException($"No active silo is named '{node}'.");

    public SiloAddress AddressOf(string node) => Silo(node).SiloAddress;

    /// <summary>The address of the silo hosting the grain's activation, or null when it has none.</summary>
    public SiloAddress? HostOf(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    public string KeyFile(string node) => Path.Combine(DataDirectory, "keys", node + ".key");

    /// <summary>The node's own key, loaded from its key file (to sign what a test sends as that node).</summary>
    public NodeKey Key(string node) => NodeKey.Load(KeyFile(node));

    /// <summary>Kills the node's silo (no graceful stop) and waits until the cluster has noticed.</summary>
    public async Task KillAsync(string node)
    {
        await Cluster.KillSiloAsync(Silo(node));
        await Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>
    /// Starts a silo named <paramref name="node"/> again after <see cref="KillAsync"/>, on the same key file and database.
    /// The test host names silos by instance number, so this works for the most recently numbered node that was killed.
    /// </summary>
    public async Task RestartAsync(string node)
    {
        var silo = await Cluster.StartAdditionalSiloAsync();
        if (silo.Name != node)
        {
            await Cluster.StopSiloAsync(silo);
            throw new InvalidOperationException($"The test host started silo '{silo.Name}', not '{node}': restart the last node killed, highest numbered first.");
        }
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>The manifest a node outside the cluster would send: signed by <paramref name="key"/>, valid for a day from the peers' now.</summary>
    public PeerManifest OutsiderManifest(INodeSigner key, string name, TrustTier requested = TrustTier.Core)
    {
        var now = Now;
        return ManifestFactory.Create(key, name, ["heartbeat"], ["outsider-expert"], "test", requested, now, now + 86_400_000);
    }

    /// <summary>The federation peers' clock, Unix ms.</summary>
    public long Now => (Clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        finally
        {
            _data.Dispose();
        }
    }

    private MoecraftSiloOptions NodeOptions(string siloName, bool heartbeatTimer) => new()
    {
        NodeName = siloName,
        Storage = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = DataDirectory },
        Seed = new MoecraftSeedOptions { Enabled = false },
        Identity = new MoecraftIdentityOptions { KeyFile = KeyFile(siloName) },
        Federation = new MoecraftFederationOptions { Enabled = true, HeartbeatTimer = heartbeatTimer },
        // Not a test of the model: the hashing embedder (no model to load per node, microseconds a prompt).
        Embeddings = new MoecraftEmbeddingOptions { Embedder = MoecraftEmbeddingOptions.Hashing },
    };
}

using System.Globalization;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Cli;

/// <summary>
/// <c>moecraft peers</c> as a user runs it: against the real host process, a single embedded node (federation is on by
/// default) whose peer table is empty; and against two silo processes forming a PostgreSQL cluster (as docker-compose
/// runs them), through startup discovery, tiers, a sync and a resolve.
/// Exit codes: 1 refused by the cluster, 2 usage.
/// </summary>
public sealed class FederationCliTests
{
    private const string Node = "process-test"; // the node name SiloProcess gives the silo

    [Fact]
    public async Task Peers_commands_on_a_single_node_show_its_clock_and_refuse_unknown_peers_and_tiers()
    {
        using var data = new TempDirectory("moecraft-federation-cli");
        await using var silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3));
        var port = silo.GatewayPort.ToString(CultureInfo.InvariantCulture);

        // The node's peer started with the silo (no CLI call yet) and found no other node.
        await Eventually.Succeeds(
            () => Task.FromResult(silo.Output.Contains($"Node {Node}: federation peer started", StringComparison.Ordinal)
                ? true
                : throw new InvalidOperationException(silo.Output.Length > 2000 ? silo.Output[^2000..] : silo.Output)),
            TimeSpan.FromSeconds(30), "the startup discovery logged");

        var shown = await Cli(port, "peers");
        Assert.Contains($"Node {Node} (", shown.Output);
        Assert.Contains("0 peers", shown.Output);
        Assert.Contains($"Clock of node {Node}: empty", shown.Output);

        var discovered = await Cli(port, "peers", "discover");
        Assert.Contains($"Node {Node} knows 0 peers after discovery.", discovered.Output);

        var noPeer = await DotnetCommand.CliAsync("--gateway-port", port, "peers", "tier", "nobody", "CORE", "--actor", "alice");
        Assert.Equal(1, noPeer.ExitCode);
        Assert.Contains("no peer 'nobody'", noPeer.Error);
        Assert.DoesNotContain("Exception", noPeer.Error);

        var badTier = await DotnetCommand.CliAsync("--gateway-port", port, "peers", "tier", "x", "GOLD");
        Assert.Equal(2, badTier.ExitCode);
        Assert.Contains("CORE, SANDBOX, EXTERNAL or UNKNOWN", badTier.Error);
        Assert.Contains("'GOLD'", badTier.Error);

        var noSync = await DotnetCommand.CliAsync("--gateway-port", port, "peers", "sync", "nobody");
        Assert.Equal(1, noSync.ExitCode);
        Assert.Contains("no peer 'nobody'", noSync.Error);

        var otherNode = await DotnetCommand.CliAsync("--gateway-port", port, "peers", "--node", "elsewhere");
        Assert.Equal(1, otherNode.ExitCode);
        Assert.Contains($"'elsewhere' is not an active silo of this cluster (active: {Node})", otherNode.Error);

        var resolved = await Cli(port, "peers", "resolve", "reputation:nobody", "--node", Node);
        Assert.Contains($"Node {Node} serves nothing for key 'reputation:nobody'.", resolved.Output);

        // Nothing above changed the table.
        Assert.Contains("0 peers", (await Cli(port, "peers", "--node", Node)).Output);
        Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Two_silo_processes_find_each_other_at_startup_and_tier_sync_and_resolve_work_through_the_cli()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("federation_cli");
        using var data = new TempDirectory("moecraft-federation-cli-pg");
        var (a, b) = ("alpha", "beta");
        await using var siloA = await SiloProcess.StartNodeAsync(a, connectionString, data.Path);
        await using var siloB = await SiloProcess.StartNodeAsync(b, connectionString, data.Path);
        string[] connect = ["--connection-string", connectionString];

        // Nobody ran 'peers discover': beta's startup discovery met alpha, and alpha recorded beta in the exchange.
        foreach (var (node, other) in new[] { (a, b), (b, a) })
            await Eventually.Succeeds(async () =>
            {
                var shown = await Cli(connect, "peers", "--node", node);
                return shown.Output.Contains($"Node {node} (", StringComparison.Ordinal) && shown.Output.Contains(": 1 peer", StringComparison.Ordinal)
                       && shown.Output.Contains(other, StringComparison.Ordinal)
                    ? shown
                    : throw new InvalidOperationException(shown.Output);
            }, TimeSpan.FromSeconds(60), $"{node} knowing {other} after the silos started");

        var discovered = await Cli(connect, "peers", "discover");
        Assert.Contains($"Node {a} knows 1 peer after discovery.", discovered.Output);
        Assert.Contains($"Node {b} knows 1 peer after discovery.", discovered.Output);

        // A single-node command on a cluster of two needs --node: a usage error that names them.
        var which = await DotnetCommand.CliAsync([.. connect, "peers", "tier", b, "CORE"]);
        Assert.Equal(2, which.ExitCode);
        Assert.Contains($"2 nodes ({a}, {b}): name one with --node", which.Error);

        // Discovery within one cluster rates the other silo CORE already; setting CORE again is allowed.
        Assert.Contains($"Node {a} rates peer {b} (", (await Cli(connect, "peers", "tier", b, "core", "--node", a, "--actor", "alice")).Output);
        Assert.Contains("CORE", (await Cli(connect, "peers", "tier", a, "CORE", "--node", b, "--actor", "alice")).Output);

        var table = await Cli(connect, "peers", "--node", a);
        var row = Assert.Single(table.Output.Split('\n'), l => l.Contains($" {b} ", StringComparison.Ordinal));
        Assert.Contains("CORE", row);
        Assert.Contains($"Clock of node {a}: empty", table.Output);

        // Alpha publishes (through the SDK: the CLI has no publish command); beta pulls it.
        var key = $"cli-sync-{Guid.NewGuid():n}";
        await using (var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { Mode = ClusterConnectionMode.AdoNet, ConnectionString = connectionString }))
        {
            await client.Cluster.GetGrain<IFederationPeerGrain>(a).PublishBatch(
            [
                new PacketDraft(PacketKind.Assert, key, """{"answer":42}""", [], [], ["test"]),
                new PacketDraft(PacketKind.Assert, key + "-other", """{"n":2}""", [], [], ["test"]),
            ]);
        }
        var synced = await Cli(connect, "peers", "sync", a, "--node", b);
        Assert.Contains($"Node {b} synced from {a}: 1 batch, 2 accepted (0 of them quarantined), 0 already held, 0 rejected.", synced.Output);
        // Node ids are shown whole (43 characters), as 'audit verify --node' and 'policy set --peers' take them.
        Assert.Matches($@"  {a} \([A-Za-z0-9_-]{{43}}\) -> 2", synced.Output);
        Assert.Matches($@"  {b}: [A-Za-z0-9_-]{{43}}", (await Cli(connect, "peers", "--node", a)).Output);

        var resolved = await Cli(connect, "peers", "resolve", key, "--node", b);
        Assert.Matches($@"Key '{key}' on node {b}: winner [0-9a-f]{{12}}\.\.\. from {a} \(.+\) \(seq 1, assert\); 1 head, 0 conflicts\.", resolved.Output);
        Assert.Contains("""Content: {"answer":42}""", resolved.Output);
        Assert.Contains("winner", resolved.Output);

        // Two silos of one cluster are CORE peers by construction: a lower tier is refused, and nothing changes.
        var demoted = await DotnetCommand.CliAsync([.. connect, "peers", "tier", a, "EXTERNAL", "--node", b]);
        Assert.NotEqual(0, demoted.ExitCode);
        Assert.Contains("CORE by construction", demoted.Error);
        Assert.Contains($"│ {a} │ CORE │ this cluster │", (await Cli(connect, "peers", "--node", b)).Output);

        Assert.Equal(0, await siloB.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await siloA.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<DotnetCommand.Result> Cli(string[] connect, params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync([.. connect, .. arguments]);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }

    private static async Task<DotnetCommand.Result> Cli(string port, params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync(["--gateway-port", port, .. arguments]);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }
}

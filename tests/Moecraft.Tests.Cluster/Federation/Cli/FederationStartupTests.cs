using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Federation;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Identity;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Cli;

/// <summary>
/// The startup participant (<c>FederationStartup</c>): when a node's silo starts, its peer grain is activated and discovers
/// the other nodes without anyone calling it; a discovery that fails is logged and the silo starts all the same.
/// </summary>
public sealed class FederationStartupTests
{
    [Fact]
    public async Task Each_nodes_peer_starts_with_its_silo_and_discovers_the_others_without_a_call()
    {
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 3);

        // Nothing here calls a peer grain: where one is active, the silo's start activated it.
        foreach (var node in cluster.Nodes)
        {
            await Eventually.Succeeds(() =>
            {
                var host = cluster.HostOf(cluster.Peer(node)) ?? throw new InvalidOperationException($"node {node}'s peer is not active");
                return Task.FromResult(host == cluster.AddressOf(node) ? host : throw new InvalidOperationException($"node {node}'s peer runs on {host}"));
            }, TimeSpan.FromSeconds(30), $"node {node}'s peer starting with its silo");
        }

        // And each one met every other node (silos start one after another; a later one's discovery reaches the earlier).
        foreach (var node in cluster.Nodes)
        {
            var others = cluster.Nodes.Where(n => n != node).Order(StringComparer.Ordinal).ToArray();
            await Eventually.Succeeds(async () =>
            {
                var peers = (await cluster.Peer(node).GetPeers()).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
                return peers.SequenceEqual(others) ? peers : throw new InvalidOperationException($"node {node} knows [{string.Join(", ", peers)}]");
            }, TimeSpan.FromSeconds(30), $"node {node} discovering the others at startup");
        }
        Assert.All(await cluster.Peer(cluster.Nodes[0]).GetPeers(), p => Assert.Equal(TrustTier.Unknown, p.Tier));
    }

    [Fact]
    public async Task A_discovery_that_fails_at_startup_is_logged_and_the_silo_starts_anyway()
    {
        var logs = new CapturingLoggerProvider();
        // The options say enabled (so the participant runs) but the grains' settings say disabled: every discovery is refused.
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 2, configureSilo: silo =>
        {
            silo.Services.AddSingleton(FederationSettings.Default with { Enabled = false, HeartbeatTimer = false });
            silo.Services.AddLogging(b => b.AddProvider(logs));
        });

        var node = cluster.Nodes[0];
        var line = await Eventually.Succeeds(() => Task.FromResult(
            logs.Lines.FirstOrDefault(l => l.Contains($"Node {node}: peer discovery at startup failed", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("not logged yet")), TimeSpan.FromSeconds(30), "the failed discovery logged");
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("disabled", line, StringComparison.Ordinal);

        // Both silos are up and answer; the peers know nobody.
        Assert.Equal(2, cluster.Cluster.GetActiveSilos().Count());
        foreach (var n in cluster.Nodes) Assert.Empty(await cluster.Peer(n).GetPeers());
    }
}

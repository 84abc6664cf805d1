using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Federation;
using Moecraft.Hosting.Configuration;

namespace Moecraft.Hosting.Federation;

/// <summary>
/// Wakes this node's federation peer when its silo starts (SPEC 6 liveness): once the silo is active, the node's own peer
/// grain discovers the other nodes in the membership. Until something activates that grain its heartbeat timer does not
/// run, so without this a node would stay silent until its first federation call.
/// <para>
/// Runs only when <c>Moecraft:Federation:Enabled</c> is true and this silo is the node (its silo name is
/// <see cref="MoecraftSiloOptions.NodeName"/>; test clusters that share one node name across silos skip it). Discovery
/// runs in the background: a peer that is down but not yet declared dead would otherwise hold the start until the call
/// times out. A failure is logged and never fails the silo; a placement not yet ready is retried a few times. Stopping
/// the silo cancels what is still running.
/// </para>
/// </summary>
public sealed partial class FederationStartup(
    IOptions<MoecraftSiloOptions> options, IGrainFactory grains, ILocalSiloDetails silo, ILogger<FederationStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Tries of the discovery before giving up (the first placement can race the membership view).</summary>
    public const int Attempts = 4;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stopping = new();
    private Task _discovery = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FederationStartup), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        var node = options.Value.NodeName;
        if (!options.Value.Federation.Enabled)
        {
            LogDisabled(logger, node);
            return Task.CompletedTask;
        }
        if (!string.Equals(silo.Name, node, StringComparison.Ordinal))
        {
            LogNotTheNode(logger, silo.Name, node);
            return Task.CompletedTask;
        }
        _discovery = Task.Run(() => DiscoverAsync(node, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _discovery.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The stop's own deadline passed; the discovery logs its own end.
        }
    }

    private async Task DiscoverAsync(string node, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var peers = await grains.GetGrain<IFederationPeerGrain>(node).DiscoverPeers().WaitAsync(cancellationToken);
                LogDiscovered(logger, node, peers.Length, peers.IsEmpty ? "none" : string.Join(", ", peers.Select(p => p.Name)));
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (FederationRefusedException ex)
            {
                // The node refused (federation disabled by its settings): retrying changes nothing.
                LogDiscoveryFailed(logger, ex, node, attempt);
                return;
            }
            catch (Exception ex)
            {
                LogDiscoveryFailed(logger, ex, node, attempt);
                if (attempt >= Attempts) return;
            }
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay *= 2;
        }
    }

    [LoggerMessage(2101, LogLevel.Information, "Node {Node}: federation peer started and discovered the membership; its peer table holds {Count} peer(s): {Peers}", EventName = "FederationPeersDiscovered")]
    private static partial void LogDiscovered(ILogger logger, string node, int count, string peers);

    [LoggerMessage(2102, LogLevel.Warning, "Node {Node}: peer discovery at startup failed (attempt {Attempt}); the silo runs on, and the peer starts on its first call", EventName = "FederationDiscoveryFailed")]
    private static partial void LogDiscoveryFailed(ILogger logger, Exception error, string node, int attempt);

    [LoggerMessage(2103, LogLevel.Information, "Node {Node}: federation is disabled (Moecraft:Federation:Enabled is false); no peer discovery at startup", EventName = "FederationDisabled")]
    private static partial void LogDisabled(ILogger logger, string node);

    [LoggerMessage(2104, LogLevel.Debug, "Silo {Silo} is not node {Node} (silo name differs from Moecraft:NodeName); no peer discovery at startup", EventName = "FederationSiloNotTheNode")]
    private static partial void LogNotTheNode(ILogger logger, string silo, string node);
}

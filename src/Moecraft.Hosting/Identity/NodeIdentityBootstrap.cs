using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Identity;
using Orleans.Runtime;

namespace Moecraft.Hosting.Identity;

/// <summary>
/// Loads (or on first start creates) the node key as the silo starts, so a bad key file stops the start with a clear
/// error instead of failing the first audit checkpoint. Logs the node id; never the key.
/// </summary>
public sealed partial class NodeIdentityBootstrap(IServiceProvider services, ILogger<NodeIdentityBootstrap> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeIdentityBootstrap), ServiceLifecycleStage.First, _ =>
        {
            var signer = services.GetRequiredService<INodeSigner>();
            if (signer is NodeKey key) LogNodeKey(logger, key.NodeId, key.Created ? "created" : "loaded", key.KeyFile);
            return Task.CompletedTask;
        });

    [LoggerMessage(2001, LogLevel.Information, "Node id {NodeId} ({Action} key file {KeyFile})", EventName = "NodeKeyReady")]
    private static partial void LogNodeKey(ILogger logger, string nodeId, string action, string keyFile);
}

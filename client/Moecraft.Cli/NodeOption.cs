using System.CommandLine;
using Moecraft.Client;

namespace Moecraft.Cli;

/// <summary>The <c>--node</c> option of the federation commands: which node (silo name) a command asks.</summary>
internal static class NodeOption
{
    public static Option<string?> Create(string description) => new Option<string?>("--node")
    {
        Description = description,
        HelpName = "name",
    }.NotBlank();

    /// <summary>
    /// The node a single-node command asks: the one named, else the cluster's only active node. With several nodes and
    /// none named, a usage error (exit 2) listing them.
    /// </summary>
    public static async Task<string> SingleAsync(MoecraftClient client, string? node, CancellationToken cancellationToken)
    {
        if (node is not null) return node;
        var nodes = await client.GetActiveNodesAsync().WaitAsync(cancellationToken);
        return nodes.Count switch
        {
            1 => nodes[0],
            0 => throw new CliException(ExitCodes.Rejected, "The cluster has no active node to ask."),
            _ => throw UsageErrors.Because($"The cluster has {nodes.Count} nodes ({string.Join(", ", nodes)}): name one with --node."),
        };
    }
}

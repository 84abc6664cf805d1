using System.CommandLine;
using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Cli;

/// <summary>The <c>--router</c> option that selects which router layer a command reads or routes through.</summary>
internal static class RouterOption
{
    public static Option<string> Create() => new Option<string>("--router")
    {
        Description = "Router id.",
        HelpName = "id",
        DefaultValueFactory = _ => ClusterSeed.DefaultRouterId,
    }.Checked(id => RouterIds.Validate(id));
}

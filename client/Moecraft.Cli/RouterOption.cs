using System.CommandLine;
using Moecraft.Cluster;

namespace Moecraft.Cli;

/// <summary>The <c>--router</c> option that selects which router layer a command reads or routes through.</summary>
internal static class RouterOption
{
    public static Option<string> Create() => new("--router")
    {
        Description = "Router id.",
        HelpName = "id",
        DefaultValueFactory = _ => ClusterSeed.DefaultRouterId,
        Validators =
        {
            result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--router must not be empty.");
            },
        },
    };
}

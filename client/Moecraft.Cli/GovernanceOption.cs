using System.CommandLine;
using Moecraft.Governance;

namespace Moecraft.Cli;

/// <summary>The <c>--governance</c> option: which governance (policy and kill switch) a command reads or changes.</summary>
internal static class GovernanceOption
{
    public static Option<string> Create() => new Option<string>("--governance")
    {
        Description = "Governance id (routers obey 'cluster' unless their settings name another).",
        HelpName = "id",
        DefaultValueFactory = _ => GovernanceIds.Cluster,
    }.Checked(id => GovernanceIds.Validate(id, "governance"));
}

using System.CommandLine;
using Moecraft.Governance;

namespace Moecraft.Cli;

/// <summary>The <c>--governance</c> option: which governance (policy and kill switch) a command reads or changes.</summary>
internal static class GovernanceOption
{
    public static Option<string> Create() => new("--governance")
    {
        Description = "Governance id (routers obey 'cluster' unless their settings name another).",
        HelpName = "id",
        DefaultValueFactory = _ => GovernanceIds.Cluster,
        Validators =
        {
            result =>
            {
                try
                {
                    GovernanceIds.Validate(result.GetValueOrDefault<string>() ?? "", "governance");
                }
                catch (ArgumentException e)
                {
                    result.AddError(e.Message.Replace(" (Parameter 'governance')", ""));
                }
            },
        },
    };
}

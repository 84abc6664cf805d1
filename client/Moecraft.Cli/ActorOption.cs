using System.CommandLine;

namespace Moecraft.Cli;

/// <summary>The <c>--actor</c> option: who a change (governance, a peer's tier, an applied lifecycle decision) is recorded as (default user@machine).</summary>
internal static class ActorOption
{
    public static Option<string?> Create() => new Option<string?>("--actor")
    {
        Description = "Who the change is recorded as (default: user@machine).",
        HelpName = "name",
    }.NotBlank();
}

using Moecraft.Governance;

namespace Moecraft.Cli;

/// <summary>
/// What <c>moecraft halt</c> and <c>resume</c> say, from the kill switch before and after the call. The governance
/// grain keeps the first halt's reason when halted again (and records nothing new), so the CLI says so instead of
/// printing the old reason as if it were the new one.
/// </summary>
internal static class HaltReport
{
    public static string Halted(HaltState before, HaltState after, string reason, string actor)
    {
        var state = $"since {Formatting.UtcTime(after.Since!.Value.UtcDateTime)} by {after.Actor}: {after.Reason}";
        // Halted before the call, or by someone else between the read and the call: either way not this halt's reason.
        var already = before.Halted || after.Reason != reason || after.Actor != actor;
        return already
            ? $"The cluster is already halted, {state}. The reason '{reason}' was not recorded; "
                + "to halt with a new reason, run 'moecraft resume' first."
            : $"Halted {state}. Every router refuses new work until 'moecraft resume'.";
    }

    public static string Resumed(HaltState before) => before.Halted
        ? $"Resumed: routers accept new work (halted since {Formatting.UtcTime(before.Since!.Value.UtcDateTime)} by {before.Actor}: {before.Reason})."
        : "The cluster was not halted: routers already accept new work.";
}

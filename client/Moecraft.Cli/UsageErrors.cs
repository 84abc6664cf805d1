using System.CommandLine;
using System.CommandLine.Parsing;

namespace Moecraft.Cli;

/// <summary>
/// The one way a wrong command line is reported: a single line on stderr that says what to fix and which help to read,
/// and exit code 2. Bad values are caught while parsing (<see cref="OptionRules"/>), before the cluster is contacted;
/// the few that need the cluster to tell are thrown with <see cref="Because"/>.
/// </summary>
internal static class UsageErrors
{
    private const string Program = "moecraft";

    /// <summary>A usage error found while a command runs; <see cref="CliErrors"/> reports it with exit code 2.</summary>
    public static CliException Because(string message) => new(ExitCodes.Usage, message);

    /// <summary>Every parse and validation error at once (System.CommandLine would print the whole help and exit 1).</summary>
    public static int Report(ParseResult parseResult) =>
        Report(string.Join(" ", parseResult.Errors.Select(e => e.Message).Distinct()), HelpFor(parseResult.CommandResult));

    /// <summary>One line naming the fix and the help of <paramref name="helpCommand"/> (the whole program's by default).</summary>
    public static int Report(string message, string helpCommand = Program)
    {
        CliErrors.Write($"{message} See '{helpCommand} --help'.");
        return ExitCodes.Usage;
    }

    // "moecraft policy set": the innermost command the words reached, so its help lists the options that were wrong.
    private static string HelpFor(CommandResult command)
    {
        var names = new Stack<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
            if (result is CommandResult { Command: not RootCommand } named) names.Push(named.Command.Name);
        return string.Join(' ', [Program, .. names]);
    }
}

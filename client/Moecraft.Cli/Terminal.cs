using Spectre.Console;

namespace Moecraft.Cli;

/// <summary>The console that commands render to.</summary>
internal static class Terminal
{
    // Redirected output has no window width; Spectre would assume 80 columns and wrap the wide expert table.
    private const int RedirectedWidth = 200;

    public static IAnsiConsole Out { get; } = Create();

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}

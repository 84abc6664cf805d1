using System.Globalization;
using Spectre.Console;

namespace Moecraft.Cli;

/// <summary>The console that commands render to, and the width tables fit.</summary>
internal static class Terminal
{
    /// <summary>
    /// The width used when output goes to a file or pipe and $COLUMNS does not say: there is no window to measure, and
    /// Spectre would assume 80. 120 fits the common terminal and keeps redirected tables on one line per row.
    /// </summary>
    public const int DefaultWidth = 120;

    public static IAnsiConsole Out { get; } = Create();

    /// <summary>
    /// Runs slow work behind a spinner with <paramref name="status"/> on an interactive terminal; redirected or
    /// non-interactive output gets nothing extra, so what a script reads stays the command's own output.
    /// </summary>
    public static async Task<T> WhileWaitingAsync<T>(string status, Func<Task<T>> work) =>
        Out.Profile.Capabilities.Interactive
            ? await Out.Status().StartAsync(Markup.Escape(status), _ => work())
            : await work();

    private static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) console.Profile.Width = ColumnsVariable() ?? DefaultWidth;
        return console;
    }

    // $COLUMNS, as shells and `COLUMNS=80 moecraft experts | less` set it; ignored unless a sensible width.
    private static int? ColumnsVariable() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns is >= 40 and <= 1000
            ? columns
            : null;
}

using Spectre.Console;

namespace Moecraft.Cli;

/// <summary>
/// Progress of long work (reading, verifying and exporting an audit log, a federation sync) on standard error, so standard
/// output stays the command's own output. Shown only when standard error is a terminal that takes live updates; otherwise
/// the work runs with no progress at all (Spectre's fallback for other consoles would print lines). <see cref="Variable"/>
/// overrides: <c>always</c> draws it on standard error even when redirected, <c>never</c> hides it.
/// </summary>
internal sealed class CliProgress
{
    public const string Variable = "MOECRAFT_PROGRESS";

    private readonly ProgressContext? _context;

    private CliProgress(ProgressContext? context) => _context = context;

    /// <summary>Runs <paramref name="work"/> with progress steps it starts; the display is cleared when it ends.</summary>
    public static async Task<T> RunAsync<T>(Func<CliProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Console() is not { } console) return await work(new CliProgress(null));
        return await console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new CliProgress(context)));
    }

    /// <summary>A step of the work: with <paramref name="total"/> a bar that fills up to it, without one a spinner.</summary>
    public Step Start(string description, long? total = null)
    {
        if (_context is null) return new Step(null);
        var task = _context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total ?? 1));
        task.IsIndeterminate = total is null;
        return new Step(task);
    }

    /// <summary>One line of the progress display; every method does nothing when progress is not shown.</summary>
    public sealed class Step(ProgressTask? task)
    {
        /// <summary>How far the step got, out of its total (which grows to fit).</summary>
        public void Report(long value)
        {
            if (task is null) return;
            if (value > task.MaxValue) task.MaxValue = value;
            task.Value = value;
        }

        /// <summary>Progress reported as <typeparamref name="T"/> (an SDK's), read as done out of total, on the reporting thread.</summary>
        public IProgress<T> Follow<T>(Func<T, (long Done, long Total)> read) => new Relay<T>(value =>
        {
            var (done, total) = read(value);
            SetTotal(total);
            Report(done);
        });

        public void SetTotal(long total)
        {
            if (task is null) return;
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(1, total);
        }

        public void Complete()
        {
            if (task is null) return;
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    // Standard error as a console that draws live progress, or null when progress is not shown.
    private static IAnsiConsole? Console()
    {
        var mode = Environment.GetEnvironmentVariable(Variable)?.Trim();
        if (string.Equals(mode, "never", StringComparison.OrdinalIgnoreCase)) return null;
        var always = string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase);
        if (!always && System.Console.IsErrorRedirected) return null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Error),
            Ansi = always ? AnsiSupport.Yes : AnsiSupport.Detect,
            Interactive = always ? InteractionSupport.Yes : InteractionSupport.Detect,
        });
        return console.Profile.Capabilities is { Interactive: true, Ansi: true } ? console : null;
    }

    // Unlike Progress<T>, reports at once on the caller's thread: none arrives after the step completed.
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

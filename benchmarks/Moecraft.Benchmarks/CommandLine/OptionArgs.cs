using System.Globalization;

namespace Moecraft.Benchmarks.CommandLine;

/// <summary>
/// The benchmark commands' shared command-line reading: <c>--name value</c> pairs folded into an options record, <c>-h</c>
/// or <c>--help</c> anywhere, and the number and list parsers with their error messages.
/// </summary>
internal static class OptionArgs
{
    /// <exception cref="ArgumentException">A missing value, or whatever <paramref name="apply"/> rejects.</exception>
    public static T Parse<T>(IReadOnlyList<string> args, T initial, Func<T, T> help, Func<T, string, string, T> apply)
    {
        var options = initial;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                options = help(options);
                continue;
            }
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            options = apply(options, name, value);
        }
        return options;
    }

    public static int Int(string name, string value, int minimum = int.MinValue) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ArgumentException(minimum == int.MinValue
                ? $"Option {name} takes integers, got '{value}'."
                : $"Option {name} needs a whole number of at least {minimum}, got '{value}'.");

    public static double Number(string name, string value, double minimum = double.MinValue, double maximum = double.MaxValue) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= minimum && x <= maximum
            ? x
            : throw new ArgumentException($"Option {name} needs a finite number in [{minimum}, {maximum}], got '{value}'.");

    public static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Parses with <paramref name="parse"/>; a bad command line prints its error and the usage (exit code 2), help prints
    /// the usage (exit code 0); otherwise the options come back with a null exit code and the command runs.
    /// </summary>
    public static (T? Options, int? ExitCode) ParseOrExit<T>(Func<T> parse, Func<T, bool> showHelp, string usage) where T : class
    {
        T options;
        try
        {
            options = parse();
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"{error.Message}\n\n{usage}");
            return (null, 2);
        }
        if (!showHelp(options)) return (options, null);
        Console.WriteLine(usage);
        return (null, 0);
    }
}

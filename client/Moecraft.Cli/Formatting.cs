using System.Globalization;

namespace Moecraft.Cli;

/// <summary>Culture-invariant number formats, so output reads the same on every machine and diffs cleanly.</summary>
internal static class Formatting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Price(decimal perMillion) => perMillion.ToString("0.00", Invariant);

    public static string Cost(decimal value) => value.ToString("0.000000", Invariant);

    public static string Gate(double value) => value.ToString("0.0000", Invariant);

    public static string Logit(double value) => value.ToString("+0.0000;-0.0000;0.0000", Invariant);

    public static string Milliseconds(double value) => value.ToString("0.#", Invariant) + " ms";

    public static string UtcTime(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + "Z";

    public static string Duration(TimeSpan value) => value switch
    {
        { TotalDays: >= 1 } => $"{(int)value.TotalDays}d {value.Hours}h",
        { TotalHours: >= 1 } => $"{(int)value.TotalHours}h {value.Minutes}m",
        { TotalMinutes: >= 1 } => $"{(int)value.TotalMinutes}m {value.Seconds}s",
        _ => $"{Math.Max(0, (int)value.TotalSeconds)}s",
    };
}

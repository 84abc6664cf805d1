using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Moecraft.Cli;

/// <summary>
/// What an option or argument accepts, checked while parsing so a bad value is a usage error (exit 2) in plain words,
/// never a .NET type name, and never a crash. A rule over several options (<c>Command.Validators</c>) asks whether a
/// typed option was given with <c>GetResult</c> and reads only text options: reading a typed value that did not parse throws.
/// </summary>
internal static class OptionRules
{
    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> (<c>T.MaxValue</c>: no upper bound).</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, INumber<T>, IMinMaxValue<T>
    {
        option.CustomParser = result => ParseNumber<T>(result, option.Name, v => v >= min && v <= max, Range(min, max));
        return option;
    }

    /// <inheritdoc cref="InRange{T}(Option{T}, T, T)"/>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max) where T : struct, INumber<T>, IMinMaxValue<T>
    {
        option.CustomParser = result => ParseNumber<T>(result, option.Name, v => v >= min && v <= max, Range(min, max));
        return option;
    }

    /// <summary>A number greater than zero (an amount of money, say).</summary>
    public static Option<T> AboveZero<T>(this Option<T> option) where T : struct, INumber<T>
    {
        option.CustomParser = result => ParseNumber<T>(result, option.Name, v => v > T.Zero, $"{Kind<T>()} greater than 0");
        return option;
    }

    /// <inheritdoc cref="AboveZero{T}(Option{T})"/>
    public static Option<T?> AboveZero<T>(this Option<T?> option) where T : struct, INumber<T>
    {
        option.CustomParser = result => ParseNumber<T>(result, option.Name, v => v > T.Zero, $"{Kind<T>()} greater than 0");
        return option;
    }

    /// <summary>One of <paramref name="values"/>, as written (they are offered as completions too).</summary>
    public static Option<string?> OneOf(this Option<string?> option, params string[] values)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !values.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name} must be {Either(values)}, got '{value}'.");
        });
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>Text that is not empty or only spaces.</summary>
    public static Option<T> NotBlank<T>(this Option<T> option) where T : class?
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is string text && string.IsNullOrWhiteSpace(text)) result.AddError($"{option.Name} must not be empty.");
        });
        return option;
    }

    /// <inheritdoc cref="NotBlank{T}(Option{T})"/>
    public static Argument<string> NotBlank(this Argument<string> argument, string what)
    {
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError($"{what} must not be empty.");
        });
        return argument;
    }

    /// <summary>
    /// Text the cluster's own rule accepts (<paramref name="validate"/> throws <see cref="ArgumentException"/>, as the
    /// shared id and name rules of the contracts do), so the CLI and the cluster never disagree on what is valid.
    /// </summary>
    public static Option<T> Checked<T>(this Option<T> option, Action<string> validate) where T : class?
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is string text && Rejection(validate, text) is { } error) result.AddError($"{option.Name}: {error}");
        });
        return option;
    }

    /// <inheritdoc cref="Checked{T}(Option{T}, Action{string})"/>
    public static Argument<string> Checked(this Argument<string> argument, Action<string> validate)
    {
        argument.Validators.Add(result =>
        {
            if (Rejection(validate, result.GetValueOrDefault<string>() ?? "") is { } error) result.AddError(error);
        });
        return argument;
    }

    /// <summary>"a, b or c".</summary>
    public static string Either(IReadOnlyList<string> values) =>
        values.Count <= 1 ? string.Concat(values) : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    private static string? Rejection(Action<string> validate, string text)
    {
        try
        {
            validate(text);
            return null;
        }
        catch (ArgumentException e)
        {
            return CliErrors.WithoutParameterName(e.Message);
        }
    }

    // Invariant culture: "0.5" means a half on every machine, as the cluster's own messages write it.
    private static T ParseNumber<T>(ArgumentResult result, string name, Func<T, bool> accepts, string description) where T : struct, INumber<T>
    {
        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && accepts(value)) return value;
        result.AddError($"{name} must be {description}, got '{text}'.");
        return default;
    }

    private static string Range<T>(T min, T max) where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var from = min.ToString(null, CultureInfo.InvariantCulture);
        return max == T.MaxValue ? $"{Kind<T>()} of at least {from}" : $"{Kind<T>()} from {from} to {max.ToString(null, CultureInfo.InvariantCulture)}";
    }

    private static string Kind<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(long) ? "a whole number" : "a number";
}

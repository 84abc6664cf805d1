using System.Globalization;
using System.Text.RegularExpressions;

namespace Moecraft.Gating;

/// <summary>
/// The final answer an expert's text commits to, in a form two answers can be compared by (issue 14's consistency check):
/// the last <c>\boxed{X}</c> (braces inside it allowed: <c>\boxed{(C) \text{city}}</c>), else the last value a stated-answer
/// form names (<c>the answer is X</c>, <c>answer: X</c>), else a short option closing the text (<c>(C)</c>), else the last
/// number in the text, as a chain of thought on a word problem ends with its result. An option label counts as its letter
/// (<c>(C) city</c> is <c>c</c>), a value that starts with a number as that number (<c>$1,000.00 a week</c> is
/// <c>1000</c>), anything else as words, case, <c>\text{}</c> wrappers and surrounding punctuation ignored. Nothing here
/// knows a benchmark: these are the common ways any model states a result.
/// </summary>
public static partial class FinalAnswer
{
    /// <summary>The values the stated-answer forms name, in order (also read by <see cref="AnswerStatistics"/>).</summary>
    /// <exception cref="ArgumentNullException">No text.</exception>
    public static IReadOnlyList<string> Stated(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. AnswerStatement().Matches(text).Select(m => m.Groups["boxed"].Success ? m.Groups["boxed"].Value : Unboxed(m.Groups["value"].Value))
            .Select(v => v.Trim().TrimEnd('.', ',')).Where(v => v.Length > 0)];
    }

    /// <summary>Whether the text closes on a short option label (<c>(C)</c>, <c>C).</c>, <c>option D</c>).</summary>
    public static bool ClosesOnOption(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ClosingOption().IsMatch(text);
    }

    /// <summary>The text's final answer, normalised for comparison; null when it commits to none.</summary>
    /// <exception cref="ArgumentNullException">No text.</exception>
    public static string? Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (LastBoxed(text) is { } boxed) return Normalise(boxed);
        if (Stated(text) is [.., var last]) return Normalise(last);
        if (ClosingOption().Match(text) is { Success: true } option) return Normalise(option.Groups["option"].Value);
        return Numbers().Matches(text) is { Count: > 0 } numbers ? Normalise(numbers[^1].Value) : null;
    }

    /// <summary>"answer: \boxed{18}" names 18.</summary>
    private static string Unboxed(string value) =>
        value.StartsWith(@"\boxed{", StringComparison.Ordinal) && value.EndsWith('}') ? value[7..^1] : value;

    /// <summary>The content of the last <c>\boxed{...}</c>, braces inside it balanced; null when there is none or it is not closed.</summary>
    private static string? LastBoxed(string text)
    {
        const string Box = @"\boxed{";
        var at = text.LastIndexOf(Box, StringComparison.Ordinal);
        if (at < 0) return null;
        var depth = 1;
        for (var i = at + Box.Length; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[(at + Box.Length)..i];
        }
        return null;
    }

    /// <summary>An option label as its letter, a value that starts with a number as that number in its shortest invariant form (currency, thousands separators, a percent sign and trailing zeros dropped), other text lower-cased and trimmed of punctuation and spaces.</summary>
    private static string? Normalise(string value)
    {
        var text = TextWrapper().Replace(value, "${inner}");
        if (LeadingOption().Match(text) is { Success: true } option) return option.Groups["option"].Value.ToLowerInvariant();
        var trimmed = text.Trim().Trim('$', '€', '£', '(', ')', '[', ']', '.', ',', ':', ';', '"', '\'', '*', ' ', '\\');
        if (LeadingNumber().Match(trimmed) is { Success: true } leading
            && decimal.TryParse(leading.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return number.ToString("0.############", CultureInfo.InvariantCulture);
        return trimmed.Length == 0 ? null : trimmed.ToLowerInvariant();
    }

    // "the answer is (C)", "The final answer is: 42", "Answer: B", "answer is $x = 3$", "\boxed{17}".
    [GeneratedRegex(@"\\boxed\{(?<boxed>[^{}]{1,40})\}|\banswer\s*(?:is|:)\s*:?\s*\$?\(?(?<value>-?\d[\d,]*(?:\.\d+)?|[^\s().,$]{1,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerStatement();

    // A short option label closing the text: "... (C)", "... C).", "... option D."
    [GeneratedRegex(@"(?:\(\s*(?<option>[A-Za-z0-9])\s*\)|\b(?<option>[A-Za-z])\)|\boption\s+(?<option>[A-Za-z0-9]))\s*\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClosingOption();

    // "\text{city}", "\mathrm{ kg}", "\textbf{B}": the words inside.
    [GeneratedRegex(@"\\(?:text|mathrm|textbf|mbox)\{(?<inner>[^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex TextWrapper();

    // An option label opening the value: "(C) city", "C) city", "(C)".
    [GeneratedRegex(@"^\s*\(?\s*(?<option>[A-Ja-j])\s*\)(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingOption();

    // A value that starts with a number: "18", "-2.5", "1,000 dollars", "$18 a day", "20%"; not "18/5" or "3x".
    [GeneratedRegex(@"^[$€£]?\s*(?<number>-?\d[\d,]*(?:\.\d+)?)\s*%?(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    // A number as a result is written: a sign, digits with thousands separators, a decimal part.
    [GeneratedRegex(@"-?\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();
}

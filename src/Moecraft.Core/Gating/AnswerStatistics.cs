using System.Text.RegularExpressions;

namespace Moecraft.Gating;

/// <summary>
/// Cheap structural statistics of an expert's answer that an embedding of its text does not carry (issue 14): whether it
/// commits to a final answer, how long it ran, whether it stops mid-sentence, how much it hedges or corrects itself, how
/// repetitive it is (a model caught in a loop repeats the same phrases until its token limit) and how many different
/// answers it names. Read by the answer-aware predictors beside <see cref="PromptStatistics"/> of the prompt and of the
/// answer; <see cref="OfAnswer"/> composes that block, the one function replay and the request path share. Nothing here
/// knows a benchmark: the answer forms are the common ways any model states a result. Each value is in [0, 1]:
/// <list type="number">
/// <item>final answer: 1 when the text states one (<c>the answer is X</c>, <c>answer: X</c>, <c>final answer</c>,
/// <c>\boxed{X}</c>, or a short option such as <c>(C)</c> or <c>C)</c> closing the text), else 0;</item>
/// <item>length: <c>log(1 + output tokens) / log(1 + 4096)</c> (tokens estimated as characters / 4 when not known);</item>
/// <item>unfinished: 1 when the text does not end as a finished sentence, formula, code block or bracket would (a cut-off
/// answer ends mid-word), else 0;</item>
/// <item>hedging: uncertainty phrases (<c>might</c>, <c>perhaps</c>, <c>not sure</c>, <c>approximately</c>, <c>not an
/// option</c>, ...), / 4;</item>
/// <item>self-correction: markers of a revised line of thought (<c>wait</c>, <c>actually</c>, <c>let me re…</c>,
/// <c>mistake</c>, <c>re-evaluate</c>, ...), / 4;</item>
/// <item>repetition: the share of the word 4-grams that repeat an earlier one (0 for varied text, near 1 for a loop);</item>
/// <item>candidates: how many distinct answers the stated-answer forms name beyond the first, / 3.</item>
/// </list>
/// </summary>
public static partial class AnswerStatistics
{
    /// <summary>How many values <see cref="Of"/> returns.</summary>
    public const int Count = 7;

    /// <summary>How many values <see cref="OfAnswer"/> returns: the answer's <see cref="PromptStatistics"/>, then <see cref="Of"/>.</summary>
    public const int AnswerWidth = PromptStatistics.Count + Count;

    private const int RepetitionGram = 4;

    private static readonly string[] Hedges =
    [
        "might", "perhaps", "possibly", "probably", "not sure", "unsure", "unclear", "uncertain", "approximately", "roughly",
        "i think", "i believe", "it seems", "seems to", "cannot be determined", "can't be determined", "not enough information",
        "none of the", "not an option", "not among", "not one of the", "closest", "assume",
    ];

    private static readonly string[] Corrections =
    [
        "wait", "actually", "let me re*", "let's re*", "let us re*", "re-evaluate", "reevaluate", "recalculate", "re-calculate",
        "reconsider", "recheck", "re-check", "mistake", "error in", "incorrect", "on second thought", "correction", "try again",
        "try another",
    ];

    /// <summary>The statistics of an answer as the answer-aware predictors read them: the text's <see cref="PromptStatistics"/>, then <see cref="Of"/>.</summary>
    /// <exception cref="ArgumentNullException">No text.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative token count.</exception>
    public static float[] OfAnswer(string answer, long? outputTokens = null) => [.. PromptStatistics.Of(answer), .. Of(answer, outputTokens)];

    /// <param name="answer">The answer's text (or its last part, where only that is kept).</param>
    /// <param name="outputTokens">The tokens the expert reported for the whole answer; null: estimated from the text.</param>
    /// <exception cref="ArgumentNullException">No text.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative token count.</exception>
    public static float[] Of(string answer, long? outputTokens = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (outputTokens is < 0) throw new ArgumentOutOfRangeException(nameof(outputTokens), outputTokens, "Output tokens must not be negative.");
        var lower = answer.ToLowerInvariant();
        var stated = FinalAnswer.Stated(answer);
        var tokens = outputTokens ?? (answer.Length + 3) / 4;
        return
        [
            stated.Count > 0 || lower.Contains("final answer", StringComparison.Ordinal) || FinalAnswer.ClosesOnOption(answer) ? 1 : 0,
            Cap(Math.Log(1 + tokens) / Math.Log(1 + 4096)),
            IsUnfinished(answer) ? 1 : 0,
            Cap(Occurrences(lower, Hedges) / 4.0),
            Cap(Occurrences(lower, Corrections) / 4.0),
            Cap(Repetition(lower)),
            Cap(Math.Max(0, stated.Distinct(StringComparer.OrdinalIgnoreCase).Count() - 1) / 3.0),
        ];
    }

    /// <summary>
    /// Ends mid-sentence: a finished answer ends with sentence punctuation, a closing bracket or quote, a formula or code fence
    /// or a short option label; a cut-off one ends in a word, a number or a comma.
    /// </summary>
    private static bool IsUnfinished(string answer)
    {
        var text = answer.AsSpan().TrimEnd();
        if (text.IsEmpty) return true;
        return text[^1] is not ('.' or '!' or '?' or ')' or ']' or '}' or '"' or '\'' or '`' or '$' or '*' or '”' or '’' or ':');
    }

    /// <summary>Occurrences of the phrases as whole words ("await" is no "wait", "mighty" no "might"); a phrase ending in <c>*</c> is a prefix ("let me re*": recheck, redo, ...).</summary>
    private static int Occurrences(string lower, string[] phrases)
    {
        var count = 0;
        foreach (var entry in phrases)
        {
            var prefix = entry.EndsWith('*');
            var phrase = prefix ? entry[..^1] : entry;
            for (var at = lower.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
            {
                var end = at + phrase.Length;
                if ((at == 0 || !char.IsLetter(lower[at - 1])) && (prefix || end == lower.Length || !char.IsLetter(lower[end]))) count++;
            }
        }
        return count;
    }

    /// <summary>The share of word n-grams that already occurred earlier in the text: 0 for varied text, towards 1 for a loop.</summary>
    private static double Repetition(string lower)
    {
        var words = Words().Matches(lower).Select(m => m.Value).ToArray();
        var grams = words.Length - RepetitionGram + 1;
        if (grams < 2) return 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeats = 0;
        for (var i = 0; i < grams; i++)
            if (!seen.Add(string.Join(' ', words, i, RepetitionGram))) repeats++;
        return repeats / (double)grams;
    }

    private static float Cap(double value) => (float)Math.Clamp(value, 0, 1);

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}

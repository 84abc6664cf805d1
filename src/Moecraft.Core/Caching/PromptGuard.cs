using System.Globalization;
using System.Text;

namespace Moecraft.Caching;

/// <summary>
/// A cheap lexical check applied to a candidate cache hit (SPEC 4.3 false hits). A bag-of-n-grams embedding barely moves
/// when a prompt gains a "not", swaps "increase" for "decrease", changes "5" to "7" or swaps "USD to EUR" for "EUR to
/// USD", yet each reverses the answer. The guard vetoes a hit when the two prompts differ in:
/// <list type="number">
/// <item>the number of negation words (not, no, never, without, any "n't" contraction);</item>
/// <item>polarity: both use the same antonym pair (<see cref="GuardLexicon"/>) but from different ends;</item>
/// <item>the set of numbers (digits, decimals, number words such as "twenty five");</item>
/// <item>roles: a direction word present in both (to, from, than, vs, with, ...) binds, on each side, an entity the
/// other side does not bind to it.</item>
/// </list>
/// Rules 2 and 4 only fire when both prompts have the feature, so rewording that drops a word is left to the embedding.
/// Cost: one pass over the characters to sign a prompt; a comparison is a few small array walks.
/// </summary>
public static class PromptGuard
{
    public static PromptSignature Sign(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var tokens = Tokenize(prompt);

        var negations = 0;
        var numbers = new SortedSet<string>(StringComparer.Ordinal);
        var polarity = new SortedSet<int>();
        var roles = new List<(string, string)>();
        long spelled = 0, group = 0;
        var inSpelled = false;

        void EndSpelled()
        {
            if (inSpelled) numbers.Add((spelled + group).ToString(CultureInfo.InvariantCulture));
            spelled = group = 0;
            inSpelled = false;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];

            // Spelled-out numbers are summed over a run of number words: "twenty five" reads 25, "two hundred" 200.
            if (GuardLexicon.NumberUnits.TryGetValue(token, out var unit)
                && !(token == "one" && i > 0 && GuardLexicon.PronounOne.Contains(tokens[i - 1])))
            {
                group += unit;
                inSpelled = true;
                continue;
            }
            if (GuardLexicon.NumberScales.TryGetValue(token, out var scale))
            {
                if (scale == 100) group = Math.Max(group, 1) * 100;
                else { spelled += Math.Max(group, 1) * scale; group = 0; }
                inSpelled = true;
                continue;
            }
            EndSpelled();

            if (GuardLexicon.Negations.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal)) negations++;
            AddDigitRuns(token, numbers);
            if (PolarityOf(token) is { } feature) polarity.Add(feature);

            if (GuardLexicon.Roles.Contains(token))
            {
                var j = i + 1;
                while (j < tokens.Count && GuardLexicon.Determiners.Contains(tokens[j])) j++;
                if (j < tokens.Count) roles.Add((token, tokens[j]));
            }
        }
        EndSpelled();

        roles.Sort((a, b) => a.CompareTo(b));
        return new PromptSignature(negations, [.. numbers], [.. polarity], [.. roles]);
    }

    /// <summary>The first rule on which the two prompts disagree, or <see cref="GuardConflict.None"/>.</summary>
    public static GuardConflict Compare(PromptSignature a, PromptSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Negations != b.Negations) return GuardConflict.Negation;
        if (PolarityConflicts(a.Polarity, b.Polarity)) return GuardConflict.Polarity;
        if (!a.NumberSet.AsSpan().SequenceEqual(b.NumberSet)) return GuardConflict.Number;
        if (RolesConflict(a.Roles, b.Roles)) return GuardConflict.Role;
        return GuardConflict.None;
    }

    /// <summary>Lower-case words; an apostrophe inside a word is kept ("isn't"), "3.5" stays one token, "1,000" reads "1000".</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var normal = text.Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < normal.Length; i++)
        {
            var ch = normal[i];
            var next = i + 1 < normal.Length ? normal[i + 1] : '\0';
            if (char.IsLetterOrDigit(ch)) current.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            else if (ch is '\'' or '\u2019' && current.Length > 0 && char.IsLetter(next)) current.Append('\'');
            else if (ch == '.' && current.Length > 0 && char.IsDigit(current[^1]) && char.IsDigit(next)) current.Append('.');
            else if (ch == ',' && current.Length > 0 && char.IsDigit(current[^1]) && char.IsDigit(next)) { }
            else if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    /// <summary>Every run of digits in a token ("python3" reads 3), canonical: no leading zeros, no trailing decimal zeros.</summary>
    private static void AddDigitRuns(string token, SortedSet<string> numbers)
    {
        var start = -1;
        for (var i = 0; i <= token.Length; i++)
        {
            var inRun = i < token.Length && (char.IsDigit(token[i]) || (token[i] == '.' && start >= 0));
            if (inRun && start < 0) start = i;
            else if (!inRun && start >= 0)
            {
                numbers.Add(Canonical(token[start..i]));
                start = -1;
            }
        }
    }

    private static string Canonical(string digits)
    {
        if (digits.Contains('.', StringComparison.Ordinal)) digits = digits.TrimEnd('0').TrimEnd('.');
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 || trimmed[0] == '.' ? "0" + trimmed : trimmed;
    }

    /// <summary>The token's antonym feature, trying simple inflections ("increases", "reduced", "closing").</summary>
    private static int? PolarityOf(string token)
    {
        if (GuardLexicon.Polarity.TryGetValue(token, out var feature)) return feature;
        foreach (var (suffix, replacement) in Inflections)
        {
            if (token.Length > suffix.Length + 2 && token.EndsWith(suffix, StringComparison.Ordinal)
                && GuardLexicon.Polarity.TryGetValue(token[..^suffix.Length] + replacement, out feature))
                return feature;
        }
        return null;
    }

    private static readonly (string Suffix, string Replacement)[] Inflections =
        [("s", ""), ("es", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", "")];

    /// <summary>True when some antonym pair appears in both prompts with different poles.</summary>
    private static bool PolarityConflicts(int[] a, int[] b)
    {
        foreach (var fa in a)
        {
            var pair = fa >> 1;
            var masksA = PoleMask(a, pair);
            var masksB = PoleMask(b, pair);
            if (masksB != 0 && masksA != masksB) return true;
        }
        return false;
    }

    private static int PoleMask(int[] features, int pair)
    {
        var mask = 0;
        foreach (var f in features) if (f >> 1 == pair) mask |= 1 << (f & 1);
        return mask;
    }

    /// <summary>True when a direction word present in both prompts binds different sets of words.</summary>
    private static bool RolesConflict((string Role, string Word)[] a, (string Role, string Word)[] b)
    {
        foreach (var (role, _) in a)
        {
            var inB = false;
            foreach (var (other, _) in b) if (other == role) { inB = true; break; }
            if (!inB) continue;
            // A conflict needs each side to bind a word the other does not ("to EUR" / "to USD"); a prompt that merely
            // lost one use of the word ("into German" for "to German", "to" still used elsewhere) is a subset.
            var inA = BoundWords(a, role);
            var inBWords = BoundWords(b, role);
            if (!inA.IsSubsetOf(inBWords) && !inBWords.IsSubsetOf(inA)) return true;
        }
        return false;
    }

    private static HashSet<string> BoundWords((string Role, string Word)[] roles, string role) =>
        [.. roles.Where(r => r.Role == role).Select(r => r.Word)];
}

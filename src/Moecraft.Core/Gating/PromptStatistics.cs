namespace Moecraft.Gating;

/// <summary>
/// Cheap statistics of a prompt that an embedding loses (an L2-normalised embedding does not even keep the length), fed to
/// the learned gate beside the embedding so it can learn what makes a question hard, not only its topic. Each value is
/// squashed into [0, 1] so that no feature dominates a step of the online learner:
/// <list type="number">
/// <item>length: <c>log(1 + tokens) / log(1 + 4096)</c>, tokens estimated as characters / 4;</item>
/// <item>digits: the share of characters that are digits, times 5;</item>
/// <item>numbers: how many separate numbers, / 10;</item>
/// <item>formulas: operator and formula characters (<c>= + - * / ^ % &lt; &gt;</c>, LaTeX and math symbols), / 20;</item>
/// <item>code: fenced or indented code and code-like tokens (braces, semicolons, <c>def</c>, <c>return</c>), / 5;</item>
/// <item>questions: question marks, / 3;</item>
/// <item>choices: lines that start like a multiple-choice option (<c>A)</c>, <c>(b)</c>, <c>C.</c>), / 10;</item>
/// <item>turns: conversation turns (lines that start with a role name such as <c>user:</c> or <c>assistant:</c>), / 8.</item>
/// </list>
/// Each squashed value is capped at 1.
/// </summary>
public static class PromptStatistics
{
    /// <summary>How many values <see cref="Of"/> returns.</summary>
    public const int Count = 8;

    private const string FormulaCharacters = "=+*/^%<>\\$∫∑√π≤≥≠±×÷";
    private static readonly string[] CodeTokens = ["```", "def ", "return ", "function ", "=>", "();", "#include", "import ", "class ", "public ", "printf", "console."];
    private static readonly string[] RolePrefixes = ["user:", "assistant:", "system:", "human:", "ai:", "q:", "a:"];

    /// <exception cref="ArgumentNullException">No text.</exception>
    public static float[] Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int digits = 0, numbers = 0, formulas = 0, questions = 0, braces = 0;
        var inNumber = false;
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c);
            if (digit)
            {
                digits++;
                if (!inNumber) numbers++;
            }
            inNumber = digit || (inNumber && c is '.' or ',');
            if (FormulaCharacters.Contains(c) || (c == '-' && inNumber)) formulas++;
            if (c == '?') questions++;
            if (c is '{' or '}' or ';') braces++;
        }

        int choices = 0, turns = 0, indented = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            if (rawLine.StartsWith("    ") || rawLine.StartsWith("\t")) indented++;
            var line = rawLine.TrimStart();
            if (IsChoice(line)) choices++;
            foreach (var role in RolePrefixes)
            {
                if (line.StartsWith(role, StringComparison.OrdinalIgnoreCase))
                {
                    turns++;
                    break;
                }
            }
        }
        var code = braces / 4.0 + indented / 2.0 + CodeTokens.Count(t => text.Contains(t, StringComparison.Ordinal));

        var tokens = (text.Length + 3) / 4;
        return
        [
            Cap(Math.Log(1 + tokens) / Math.Log(1 + 4096)),
            Cap(text.Length == 0 ? 0 : 5.0 * digits / text.Length),
            Cap(numbers / 10.0),
            Cap(formulas / 20.0),
            Cap(code / 5.0),
            Cap(questions / 3.0),
            Cap(choices / 10.0),
            Cap(turns / 8.0),
        ];
    }

    /// <summary>"A)", "a.", "(B)", "C:" followed by a space: an option of a multiple-choice question.</summary>
    private static bool IsChoice(ReadOnlySpan<char> line)
    {
        if (line.Length >= 4 && line[0] == '(' && char.IsAsciiLetter(line[1]) && line[2] == ')' && line[3] == ' ') return true;
        return line.Length >= 3 && char.IsAsciiLetter(line[0]) && line[1] is ')' or '.' or ':' && line[2] == ' ';
    }

    private static float Cap(double value) => (float)Math.Clamp(value, 0, 1);
}

namespace Moecraft.Caching;

/// <summary>
/// The lexical features of a prompt that <see cref="PromptGuard"/> compares; made once per prompt by
/// <see cref="PromptGuard.Sign"/> and stored with the cache entry so a candidate check costs no re-tokenising.
/// </summary>
public sealed class PromptSignature
{
    internal PromptSignature(int negations, string[] numbers, int[] polarity, (string Role, string Word)[] roles)
    {
        Negations = negations;
        NumberSet = numbers;
        Polarity = polarity;
        Roles = roles;
    }

    /// <summary>How many negation words the prompt has (not, never, n't, without, ...).</summary>
    public int Negations { get; }

    /// <summary>Canonical numbers in the prompt, sorted and distinct ("three" and "3.0" both read "3").</summary>
    public IReadOnlyList<string> Numbers => NumberSet;

    internal string[] NumberSet { get; }

    /// <summary>Antonym pair features, <c>pair * 2 + pole</c>, sorted and distinct.</summary>
    internal int[] Polarity { get; }

    /// <summary>Each direction word with the word it binds ("to" -> "eur"), sorted.</summary>
    internal (string Role, string Word)[] Roles { get; }
}

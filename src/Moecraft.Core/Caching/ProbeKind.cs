namespace Moecraft.Caching;

/// <summary>What a probe variant should do against the cached base prompt.</summary>
public enum ProbeKind
{
    /// <summary>Same meaning, other surface (casing, punctuation, filler, synonym, reordering): should hit its base.</summary>
    Paraphrase,
    /// <summary>Close in wording, different meaning (negation, antonym, number, swapped or substituted entity): should not hit.</summary>
    MeaningReversal,
    /// <summary>A prompt on another topic: should not hit.</summary>
    Unrelated,
}

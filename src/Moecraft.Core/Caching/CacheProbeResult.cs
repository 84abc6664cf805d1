namespace Moecraft.Caching;

/// <summary>The outcome of one <see cref="CacheProbe.Measure"/> run: overall rates and one row per kind and per edit.</summary>
public sealed record CacheProbeResult(
    double SimilarityThreshold,
    bool LexicalGuard,
    int ShouldNotHitLookups,
    int FalseHits,
    int ParaphraseLookups,
    int ParaphraseHits,
    IReadOnlyList<CacheProbeRow> Rows)
{
    /// <summary>Hits on meaning-reversal and unrelated variants / such variants.</summary>
    public double FalseHitRate => ShouldNotHitLookups == 0 ? 0 : FalseHits / (double)ShouldNotHitLookups;

    /// <summary>Paraphrases that hit their own base / paraphrases.</summary>
    public double ParaphraseHitRate => ParaphraseLookups == 0 ? 0 : ParaphraseHits / (double)ParaphraseLookups;

    /// <summary>The row of one kind over all its edits.</summary>
    public CacheProbeRow Kind(ProbeKind kind) => Rows.Single(r => r.Kind == kind && r.Edit == CacheProbe.AllEdits);
}

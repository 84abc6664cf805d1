namespace Moecraft.Caching;

/// <summary>
/// Counters of one cache since it was made. <see cref="GuardVetoes"/> counts misses where some entry cleared the
/// similarity threshold but the lexical guard rejected it (each is a false hit the embedding alone would have served).
/// </summary>
public readonly record struct SemanticCacheStatistics(
    long Hits,
    long Misses,
    long GuardVetoes,
    long Evictions,
    long Expirations,
    int Count)
{
    public long Lookups => Hits + Misses;

    public double HitRate => Lookups == 0 ? 0 : (double)Hits / Lookups;
}

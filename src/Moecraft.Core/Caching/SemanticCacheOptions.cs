namespace Moecraft.Caching;

/// <summary>
/// Settings of a <see cref="SemanticCache{TAnswer}"/> (SPEC 4.3). Every property is checked when it is set, so an
/// instance (including one made with <c>with</c>) is always valid; a bad value throws <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public sealed record SemanticCacheOptions
{
    public const double DefaultSimilarityThreshold = 0.97;
    public const int DefaultCapacity = 10_000;
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    public static SemanticCacheOptions Default { get; } = new();

    /// <summary>The least cosine between the new prompt's and a cached prompt's embedding that counts as a hit; in (0, 1].</summary>
    public double SimilarityThreshold
    {
        get;
        init => field = value is > 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SimilarityThreshold), value, "The similarity threshold must be in (0, 1].");
    } = DefaultSimilarityThreshold;

    /// <summary>How long an answer may be served after it was stored (absolute, not sliding: a hit does not extend it).</summary>
    public TimeSpan TimeToLive
    {
        get;
        init => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TimeToLive), value, "The time to live must be positive.");
    } = DefaultTimeToLive;

    /// <summary>Most entries one cache (one tenant) holds, over all options keys; the least recently used goes first.</summary>
    public int Capacity
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Capacity), value, "The capacity must be positive.");
    } = DefaultCapacity;

    /// <summary>
    /// Length every embedding must have; null (the default): the first embedding stored decides, so one options object
    /// serves caches of any embedder. The silo sets it to its embedder's.
    /// </summary>
    public int? Dimension
    {
        get;
        init => field = value is null or > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Dimension), value, "The embedding dimension must be positive.");
    }

    /// <summary>
    /// Whether <see cref="PromptGuard"/> may veto a candidate hit whose prompt differs in negation, polarity, numbers or
    /// the entities bound to direction words. On by default: the embedding alone scores "is X safe" and "is X not safe" alike.
    /// </summary>
    public bool LexicalGuard { get; init; } = true;
}

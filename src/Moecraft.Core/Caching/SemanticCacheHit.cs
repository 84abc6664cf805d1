namespace Moecraft.Caching;

/// <summary>A surrogate answer: the cached answer, the cosine it matched with and how long ago it was stored.</summary>
public readonly record struct SemanticCacheHit<TAnswer>(TAnswer Answer, double Similarity, TimeSpan Age);

namespace Moecraft.Caching;

/// <summary>A base prompt (stored in the cache) and its variants (looked up).</summary>
public sealed record ProbeCase(int Id, string Template, string Base, IReadOnlyList<ProbeVariant> Variants);

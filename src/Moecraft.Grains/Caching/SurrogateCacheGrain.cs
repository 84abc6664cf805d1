using System.Collections.Immutable;
using Moecraft.Diagnostics;
using Moecraft.Routing;

namespace Moecraft.Caching;

/// <summary>A tenant's <see cref="SemanticCache{TAnswer}"/> in a grain, so every silo's request path shares one cache per tenant.</summary>
[GrainType("surrogate-cache")]
public sealed class SurrogateCacheGrain(SemanticCacheOptions options, TimeProvider time) : Grain, ISurrogateCacheGrain
{
    private readonly SemanticCache<AskResult> _cache = new(options, time);

    public Task<AskResult?> Lookup(string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        var hit = _cache.TryGet(prompt, embedding.AsSpan(), optionsKey, out var found);
        MoecraftDiagnostics.CacheLookups.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));
        return Task.FromResult(hit ? found.Answer : null);
    }

    public Task Store(string prompt, ImmutableArray<float> embedding, string optionsKey, AskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _cache.Add(prompt, embedding.AsSpan(), optionsKey, result);
        return Task.CompletedTask;
    }
}

using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// One tenant's surrogate cache (key: tenant id; SPEC 4.3): answers a prompt from a semantically equal earlier answer
/// given under identical options. Held in memory: a cache, not a record; lost entries only cost a model call.
/// </summary>
[Alias("moecraft.ISurrogateCacheGrain")]
public interface ISurrogateCacheGrain : IGrainWithStringKey
{
    /// <summary>The cached result for this prompt and options, or null.</summary>
    [Alias("Lookup")]
    Task<AskResult?> Lookup(string prompt, ImmutableArray<float> embedding, string optionsKey);

    [Alias("Store")]
    Task Store(string prompt, ImmutableArray<float> embedding, string optionsKey, AskResult result);
}

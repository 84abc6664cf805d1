using BenchmarkDotNet.Attributes;
using Moecraft.Caching;
using Moecraft.Embeddings;

namespace Moecraft.Benchmarks;

/// <summary>
/// Surrogate cache lookups (SPEC 4.3, target well under 5 ms) on one tenant's cache filled with distinct prompts under
/// one options key: a hit (a stored prompt, asked again in lower case) and a miss (a prompt on another topic), each with
/// the embedding given (lookup only) and computed by the hashing embedder inside the measurement (the real hit path).
/// A miss scans every entry, so it is the slowest lookup; a hit also scans every entry to find the most similar.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from it.</remarks>
[MemoryDiagnoser]
public class SemanticCacheBenchmarks
{
    private const string OptionsKey = "t=-;max=-";

    private readonly HashingEmbedder _embedder = new();
    private SemanticCache<string> _cache = null!;
    private string _hitPrompt = "";
    private string _missPrompt = "";
    private float[] _hitEmbedding = [];
    private float[] _missEmbedding = [];

    [Params(1_000, 10_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cache = new SemanticCache<string>(new SemanticCacheOptions { Capacity = Entries });
        for (var i = 0; i < Entries; i++)
        {
            var prompt = $"How do I tune setting {i} of service {i * 7919 % 1000} for workload {i % 97}?";
            _cache.Add(prompt, _embedder.Embed(prompt), OptionsKey, $"answer {i}");
        }
        var stored = Entries / 2;
        _hitPrompt = $"how do i tune setting {stored} of service {stored * 7919 % 1000} for workload {stored % 97}";
        _missPrompt = "Give me a recipe for banana bread with walnuts";
        _hitEmbedding = _embedder.Embed(_hitPrompt);
        _missEmbedding = _embedder.Embed(_missPrompt);
        if (!_cache.TryGet(_hitPrompt, _hitEmbedding, OptionsKey, out _) || _cache.TryGet(_missPrompt, _missEmbedding, OptionsKey, out _))
            throw new InvalidOperationException("The benchmark's hit prompt must hit and its miss prompt must miss.");
    }

    [Benchmark]
    public bool LookupHit() => _cache.TryGet(_hitPrompt, _hitEmbedding, OptionsKey, out _);

    [Benchmark]
    public bool LookupMiss() => _cache.TryGet(_missPrompt, _missEmbedding, OptionsKey, out _);

    [Benchmark]
    public bool EmbedAndLookupHit() => _cache.TryGet(_hitPrompt, _embedder.Embed(_hitPrompt), OptionsKey, out _);

    [Benchmark]
    public bool EmbedAndLookupMiss() => _cache.TryGet(_missPrompt, _embedder.Embed(_missPrompt), OptionsKey, out _);
}

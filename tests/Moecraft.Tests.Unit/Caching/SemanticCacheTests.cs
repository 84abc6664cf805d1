using Microsoft.Extensions.Time.Testing;
using Moecraft.Caching;

namespace Moecraft.Tests.Caching;

public sealed class SemanticCacheTests
{
    private const int Dimension = 8;
    private const string Key = "t=-;max=-";

    private static SemanticCacheOptions Options(double threshold = 0.97, int capacity = 100, bool guard = true) =>
        new() { Dimension = Dimension, SimilarityThreshold = threshold, Capacity = capacity, LexicalGuard = guard };

    /// <summary>A unit vector at cosine <paramref name="cosine"/> from axis 0, in the plane of axes 0 and <paramref name="axis"/>.</summary>
    private static float[] AtCosine(double cosine, int axis = 1)
    {
        var v = new float[Dimension];
        v[0] = (float)cosine;
        v[axis] = (float)Math.Sqrt(1 - cosine * cosine);
        return v;
    }

    private static float[] Axis(int axis)
    {
        var v = new float[Dimension];
        v[axis] = 1;
        return v;
    }

    [Fact]
    public void Same_prompt_hits_with_similarity_one_and_its_age()
    {
        var clock = new FakeTimeProvider();
        var cache = new SemanticCache<string>(Options(), clock);
        Assert.True(cache.Add("route me", Axis(0), Key, "answer"));
        clock.Advance(TimeSpan.FromSeconds(42));

        Assert.True(cache.TryGet("route me", Axis(0), Key, out var hit));
        Assert.Equal("answer", hit.Answer);
        Assert.Equal(1.0, hit.Similarity, 1e-6);
        Assert.Equal(TimeSpan.FromSeconds(42), hit.Age);
    }

    [Theory]
    [InlineData(0.9705, true)]
    [InlineData(0.9700, true)]
    [InlineData(0.9695, false)]
    [InlineData(0.5, false)]
    public void The_threshold_decides_a_hit(double cosine, bool expected)
    {
        var cache = new SemanticCache<string>(Options(threshold: 0.97 - 1e-6));
        cache.Add("p", Axis(0), Key, "a");

        Assert.Equal(expected, cache.TryGet("p", AtCosine(cosine), Key, out var hit));
        if (expected) Assert.Equal(cosine, hit.Similarity, 1e-5);
    }

    [Fact]
    public void Embeddings_are_compared_by_direction_not_length()
    {
        var cache = new SemanticCache<string>(Options());
        cache.Add("p", [.. Axis(0).Select(v => v * 40)], Key, "a");
        Assert.True(cache.TryGet("p", [.. AtCosine(0.99).Select(v => v * 0.01f)], Key, out var hit));
        Assert.Equal(0.99, hit.Similarity, 1e-5);
    }

    [Fact]
    public void The_most_similar_entry_wins()
    {
        var cache = new SemanticCache<string>(Options(threshold: 0.9));
        cache.Add("far", AtCosine(0.92, 1), Key, "far");
        cache.Add("near", AtCosine(0.99, 2), Key, "near");
        cache.Add("middle", AtCosine(0.95, 3), Key, "middle");

        Assert.True(cache.TryGet("q", Axis(0), Key, out var hit));
        Assert.Equal("near", hit.Answer);
    }

    [Fact]
    public void Other_options_never_hit()
    {
        var cache = new SemanticCache<string>(Options());
        cache.Add("p", Axis(0), "t=0.7;max=-", "a");

        Assert.False(cache.TryGet("p", Axis(0), "t=0.2;max=-", out _));
        Assert.False(cache.TryGet("p", Axis(0), "T=0.7;max=-", out _));
        Assert.False(cache.TryGet("p", Axis(0), "t=0.7;max=- ", out _));
        Assert.True(cache.TryGet("p", Axis(0), "t=0.7;max=-", out _));
    }

    [Fact]
    public void Entries_expire_after_the_time_to_live_and_a_hit_does_not_extend_it()
    {
        var clock = new FakeTimeProvider();
        var cache = new SemanticCache<string>(Options() with { TimeToLive = TimeSpan.FromMinutes(10) }, clock);
        cache.Add("p", Axis(0), Key, "a");

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(cache.TryGet("p", Axis(0), Key, out _));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("p", Axis(0), Key, out _));

        var stats = cache.Statistics;
        Assert.Equal(0, stats.Count);
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.Misses);
    }

    [Fact]
    public void Expired_entries_are_purged_on_insert_and_on_demand()
    {
        var clock = new FakeTimeProvider();
        var cache = new SemanticCache<string>(Options() with { TimeToLive = TimeSpan.FromSeconds(10) }, clock);
        cache.Add("a", Axis(0), Key, "a");
        cache.Add("b", Axis(1), Key, "b");
        clock.Advance(TimeSpan.FromSeconds(5));
        cache.Add("c", Axis(2), Key, "c");
        clock.Advance(TimeSpan.FromSeconds(5));

        cache.Add("d", Axis(3), Key, "d");
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("c", Axis(2), Key, out _));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, cache.PurgeExpired());
        Assert.Equal(0, cache.Count);
        Assert.Equal(4, cache.Statistics.Expirations);
    }

    [Fact]
    public void At_capacity_the_least_recently_used_entry_is_evicted_and_a_hit_refreshes_recency()
    {
        var cache = new SemanticCache<string>(Options(capacity: 3));
        cache.Add("a", Axis(0), Key, "a");
        cache.Add("b", Axis(1), Key, "b");
        cache.Add("c", Axis(2), "other", "c");
        Assert.True(cache.TryGet("a", Axis(0), Key, out _)); // a is now the most recent; b the least

        cache.Add("d", Axis(3), Key, "d");
        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("b", Axis(1), Key, out _));
        Assert.True(cache.TryGet("a", Axis(0), Key, out _));
        Assert.True(cache.TryGet("c", Axis(2), "other", out _));
        Assert.True(cache.TryGet("d", Axis(3), Key, out _));

        cache.Add("e", Axis(4), Key, "e"); // least recent now: a (c and d were hit after it)
        Assert.False(cache.TryGet("a", Axis(0), Key, out _));
        Assert.Equal(2, cache.Statistics.Evictions);
    }

    [Fact]
    public void The_same_prompt_and_options_replace_the_earlier_answer()
    {
        var cache = new SemanticCache<string>(Options());
        cache.Add("p", Axis(0), Key, "old");
        cache.Add("p", Axis(0), Key, "new");
        cache.Add("p", Axis(0), "other", "other");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("p", Axis(0), Key, out var hit));
        Assert.Equal("new", hit.Answer);
        Assert.Equal(0, cache.Statistics.Evictions);
    }

    [Fact]
    public void A_zero_embedding_is_not_stored_and_never_hits()
    {
        var cache = new SemanticCache<string>(Options(threshold: 1e-9));
        Assert.False(cache.Add("?!", new float[Dimension], Key, "a"));
        Assert.Equal(0, cache.Count);
        cache.Add("p", Axis(0), Key, "a");
        Assert.False(cache.TryGet("?!", new float[Dimension], Key, out _));
    }

    [Fact]
    public void The_guard_vetoes_a_negated_prompt_that_the_embedding_alone_would_serve()
    {
        var guarded = new SemanticCache<string>(Options());
        var plain = new SemanticCache<string>(Options(guard: false));
        guarded.Add("Is it safe to mix bleach and vinegar?", Axis(0), Key, "yes");
        plain.Add("Is it safe to mix bleach and vinegar?", Axis(0), Key, "yes");

        // Same vector on purpose: only the guard can tell these apart.
        Assert.False(guarded.TryGet("Is it not safe to mix bleach and vinegar?", Axis(0), Key, out _));
        Assert.True(plain.TryGet("Is it not safe to mix bleach and vinegar?", Axis(0), Key, out _));
        Assert.True(guarded.TryGet("is it safe to mix bleach and vinegar", Axis(0), Key, out _));
        Assert.Equal(1, guarded.Statistics.GuardVetoes);
    }

    [Fact]
    public void A_vetoed_candidate_leaves_room_for_an_agreeing_one()
    {
        var cache = new SemanticCache<string>(Options(threshold: 0.9));
        cache.Add("Is it safe to swim?", Axis(0), Key, "positive");
        cache.Add("Is it not safe to swim?", AtCosine(0.95), Key, "negative");

        Assert.True(cache.TryGet("Isn't it safe to swim?", Axis(0), Key, out var hit));
        Assert.Equal("negative", hit.Answer);
    }

    [Fact]
    public void Bad_input_is_rejected_and_changes_nothing()
    {
        var cache = new SemanticCache<string>(Options());
        cache.Add("p", Axis(0), Key, "a");
        var before = cache.Statistics;

        var nan = Axis(0);
        nan[3] = float.NaN;
        var infinite = Axis(0);
        infinite[2] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => cache.Add("q", new float[Dimension + 1], Key, "b"));
        Assert.Throws<ArgumentException>(() => cache.Add("q", nan, Key, "b"));
        Assert.Throws<ArgumentException>(() => cache.Add("q", infinite, Key, "b"));
        Assert.Throws<ArgumentException>(() => cache.TryGet("q", new float[Dimension - 1], Key, out _));
        Assert.Throws<ArgumentException>(() => cache.TryGet("q", nan, Key, out _));
        Assert.Throws<ArgumentNullException>(() => cache.Add(null!, Axis(0), Key, "b"));
        Assert.Throws<ArgumentNullException>(() => cache.Add("q", Axis(0), null!, "b"));
        Assert.Throws<ArgumentNullException>(() => cache.Add("q", Axis(0), Key, null!));
        Assert.Throws<ArgumentNullException>(() => cache.TryGet("q", Axis(0), null!, out _));

        Assert.Equal(before, cache.Statistics);
        Assert.True(cache.TryGet("p", Axis(0), Key, out var hit));
        Assert.Equal("a", hit.Answer);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { SimilarityThreshold = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { SimilarityThreshold = 1.01 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { SimilarityThreshold = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { TimeToLive = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { Capacity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticCacheOptions { Dimension = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SemanticCacheOptions.Default with { Capacity = -5 });

        var defaults = SemanticCacheOptions.Default;
        Assert.Equal(0.97, defaults.SimilarityThreshold);
        Assert.Equal(TimeSpan.FromHours(1), defaults.TimeToLive);
        Assert.Equal(10_000, defaults.Capacity);
        Assert.Null(defaults.Dimension);
        Assert.True(defaults.LexicalGuard);
    }

    [Fact]
    public void Options_that_leave_the_dimension_open_take_the_first_stored_embeddings_and_refuse_others()
    {
        var cache = new SemanticCache<string>(SemanticCacheOptions.Default);
        // Nothing stored: a lookup of any width misses and fixes nothing.
        Assert.False(cache.TryGet("q", Axis(0), Key, out _));
        Assert.False(cache.TryGet("q", new float[] { 1, 0, 0 }, Key, out _));

        Assert.True(cache.Add("p", Axis(0), Key, "a"));

        Assert.True(cache.TryGet("p", Axis(0), Key, out var hit));
        Assert.Equal("a", hit.Answer);
        var other = new float[Dimension + 4];
        other[0] = 1;
        Assert.Throws<ArgumentException>(() => cache.Add("q", other, Key, "b"));
        Assert.Throws<ArgumentException>(() => cache.TryGet("q", other, Key, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Parallel_adds_and_lookups_keep_the_bound_and_never_throw()
    {
        const int capacity = 64;
        var cache = new SemanticCache<int>(Options(threshold: 0.999, capacity: capacity));
        var keys = new[] { "k0", "k1", "k2" };
        var lookups = 0;

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 5_000; i++)
            {
                var id = random.Next(400);
                var vector = new float[Dimension];
                vector[id % Dimension] = 1;
                vector[(id / Dimension) % Dimension] += 0.5f + id * 0.01f;
                var key = keys[id % keys.Length];
                if (random.Next(3) == 0) cache.Add($"prompt {id}", vector, key, id);
                else
                {
                    Interlocked.Increment(ref lookups);
                    if (cache.TryGet($"prompt {id}", vector, key, out var hit)) Assert.True(hit.Similarity >= 0.999);
                }
                Assert.True(cache.Count <= capacity);
            }
        })).ToArray();
        await Task.WhenAll(workers);

        var stats = cache.Statistics;
        Assert.True(stats.Count is > 0 and <= capacity);
        Assert.True(stats.Evictions > 0);
        Assert.Equal(lookups, stats.Lookups);
        Assert.True(stats.Hits > 0 && stats.Misses > 0);
    }
}

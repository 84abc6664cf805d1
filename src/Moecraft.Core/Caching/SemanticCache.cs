using System.Numerics.Tensors;

namespace Moecraft.Caching;

/// <summary>
/// The surrogate cache of one tenant (SPEC 4.3): answers a prompt from an earlier answer given under the same options
/// key whose prompt embedding has cosine at least <see cref="SemanticCacheOptions.SimilarityThreshold"/> with the new
/// one, is younger than the time to live, and (when <see cref="SemanticCacheOptions.LexicalGuard"/> is on) passes
/// <see cref="PromptGuard"/>. Of several such entries the most similar wins.
/// </summary>
/// <remarks>
/// Embeddings are stored L2-normalised in one contiguous float array per options key, so a lookup is one SIMD dot
/// product per entry of that key (cosine of unit vectors). Size is bounded: at capacity the least recently used entry
/// (a hit refreshes recency) is evicted. Expiry is absolute from insertion, so entries expire in insertion order and
/// are purged from the front of that order at each lookup and insert. One lock guards everything: a lookup also
/// updates recency, and per tenant the scan is short (about 10k x 512 multiply-adds at full size).
/// A zero embedding (a prompt with no words) has no direction: it is never stored and never hits.
/// </remarks>
public sealed class SemanticCache<TAnswer> where TAnswer : notnull
{
    private readonly SemanticCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Shard> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<(string OptionsKey, string Prompt), Entry> _byPrompt = [];
    private readonly LinkedList<Entry> _recency = []; // first: most recently used
    private readonly LinkedList<Entry> _insertion = []; // first: oldest
    private long _hits, _misses, _vetoes, _evictions, _expirations;

    // The options' dimension, or the first stored embedding's when they leave it open; guarded by _gate.
    private int? _dimension;

    public SemanticCache(SemanticCacheOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? SemanticCacheOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _dimension = _options.Dimension;
    }

    public SemanticCacheOptions Options => _options;

    public int Count
    {
        get { lock (_gate) return _recency.Count; }
    }

    public SemanticCacheStatistics Statistics
    {
        get
        {
            lock (_gate) return new SemanticCacheStatistics(_hits, _misses, _vetoes, _evictions, _expirations, _recency.Count);
        }
    }

    /// <summary>
    /// Looks for a surrogate answer. <paramref name="prompt"/> is the text the embedding was made from (the guard reads
    /// it); <paramref name="optionsKey"/> must equal the stored key exactly (<c>RequestOptions.Key</c>).
    /// </summary>
    public bool TryGet(string prompt, ReadOnlySpan<float> embedding, string optionsKey, out SemanticCacheHit<TAnswer> hit)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(optionsKey);
        lock (_gate) RequireDimension(embedding.Length, learn: false);
        Span<float> query = embedding.Length <= 1024 ? stackalloc float[embedding.Length] : new float[embedding.Length];
        var usable = Normalise(embedding, query);
        var signature = _options.LexicalGuard ? PromptGuard.Sign(prompt) : null;

        lock (_gate)
        {
            // Again under the lock: a first Add may have fixed an open dimension since.
            RequireDimension(query.Length, learn: false);
            var now = _time.GetUtcNow();
            PurgeExpired(now);
            Entry? best = null;
            var bestSimilarity = float.NegativeInfinity;
            var vetoed = false;

            if (usable && _shards.TryGetValue(optionsKey, out var shard))
            {
                var threshold = _options.SimilarityThreshold;
                var dimension = query.Length;
                var vectors = shard.Vectors;
                for (var row = 0; row < shard.Count; row++)
                {
                    var similarity = TensorPrimitives.Dot(vectors.AsSpan(row * dimension, dimension), query);
                    if (similarity < threshold || similarity <= bestSimilarity) continue;
                    var candidate = shard.Entries[row]!;
                    if (now - candidate.StoredAt >= _options.TimeToLive) continue;
                    if (signature is not null && PromptGuard.Compare(signature, candidate.Signature!) != GuardConflict.None)
                    {
                        vetoed = true;
                        continue;
                    }
                    best = candidate;
                    bestSimilarity = similarity;
                }
            }

            if (best is null)
            {
                _misses++;
                if (vetoed) _vetoes++;
                hit = default;
                return false;
            }

            _hits++;
            _recency.Remove(best.RecencyNode);
            _recency.AddFirst(best.RecencyNode);
            hit = new SemanticCacheHit<TAnswer>(best.Answer, Math.Min(1.0, bestSimilarity), now - best.StoredAt);
            return true;
        }
    }

    /// <summary>
    /// Stores an answer. The same prompt under the same options key replaces the earlier entry. Returns false (and stores
    /// nothing) when the embedding is all zeros. At capacity the least recently used entry is evicted first.
    /// </summary>
    public bool Add(string prompt, ReadOnlySpan<float> embedding, string optionsKey, TAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(optionsKey);
        ArgumentNullException.ThrowIfNull(answer);
        lock (_gate) RequireDimension(embedding.Length, learn: false);
        var unit = new float[embedding.Length];
        if (!Normalise(embedding, unit)) return false;
        var signature = _options.LexicalGuard ? PromptGuard.Sign(prompt) : null;

        lock (_gate)
        {
            RequireDimension(unit.Length, learn: true);
            var now = _time.GetUtcNow();
            PurgeExpired(now);
            if (_byPrompt.TryGetValue((optionsKey, prompt), out var previous)) Remove(previous);
            while (_recency.Count >= _options.Capacity)
            {
                Remove(_recency.Last!.Value);
                _evictions++;
            }

            if (!_shards.TryGetValue(optionsKey, out var shard))
            {
                shard = new Shard(unit.Length);
                _shards.Add(optionsKey, shard);
            }
            var entry = new Entry(prompt, optionsKey, answer, signature, now, shard);
            shard.Append(entry, unit);
            entry.RecencyNode = _recency.AddFirst(entry);
            entry.InsertionNode = _insertion.AddLast(entry);
            _byPrompt[(optionsKey, prompt)] = entry;
            return true;
        }
    }

    /// <summary>Drops every entry whose time to live has passed; returns how many.</summary>
    public int PurgeExpired()
    {
        lock (_gate) return PurgeExpired(_time.GetUtcNow());
    }

    /// <summary>Drops every entry (statistics are kept).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _shards.Clear();
            _byPrompt.Clear();
            _recency.Clear();
            _insertion.Clear();
        }
    }

    private int PurgeExpired(DateTimeOffset now)
    {
        var purged = 0;
        while (_insertion.First is { } oldest && now - oldest.Value.StoredAt >= _options.TimeToLive)
        {
            Remove(oldest.Value);
            purged++;
        }
        _expirations += purged;
        return purged;
    }

    private void Remove(Entry entry)
    {
        _recency.Remove(entry.RecencyNode);
        _insertion.Remove(entry.InsertionNode);
        _byPrompt.Remove((entry.OptionsKey, entry.Prompt));
        entry.Shard.RemoveAt(entry.Row);
        if (entry.Shard.Count == 0) _shards.Remove(entry.OptionsKey);
    }

    /// <summary>Throws unless <paramref name="length"/> is the cache's dimension; the first stored embedding sets one the options left open.</summary>
    private void RequireDimension(int length, bool learn)
    {
        if (_dimension is null && learn) _dimension = length;
        if (_dimension is { } dimension && length != dimension)
            throw new ArgumentException($"The embedding has {length} values; this cache expects {dimension}.", "embedding");
    }

    /// <summary>Checks the embedding's values and writes its unit vector to <paramref name="unit"/>; false for the zero vector.</summary>
    private static bool Normalise(ReadOnlySpan<float> embedding, Span<float> unit)
    {
        if (embedding.IsEmpty) throw new ArgumentException("The embedding is empty.", nameof(embedding));
        for (var i = 0; i < embedding.Length; i++)
        {
            if (!float.IsFinite(embedding[i]))
                throw new ArgumentException($"The embedding holds a non-finite value ({embedding[i]}) at index {i}.", nameof(embedding));
        }

        // Norm in double: float squares of large finite values could overflow to infinity.
        double squares = 0;
        foreach (var v in embedding) squares += (double)v * v;
        if (squares == 0) return false;
        TensorPrimitives.Multiply(embedding, (float)(1.0 / Math.Sqrt(squares)), unit);
        return true;
    }

    private sealed class Entry(string prompt, string optionsKey, TAnswer answer, PromptSignature? signature, DateTimeOffset storedAt, Shard shard)
    {
        public string Prompt { get; } = prompt;
        public string OptionsKey { get; } = optionsKey;
        public TAnswer Answer { get; } = answer;
        public PromptSignature? Signature { get; } = signature;
        public DateTimeOffset StoredAt { get; } = storedAt;
        public Shard Shard { get; } = shard;
        public int Row { get; set; }
        public LinkedListNode<Entry> RecencyNode { get; set; } = null!;
        public LinkedListNode<Entry> InsertionNode { get; set; } = null!;
    }

    /// <summary>The entries of one options key: row <c>i</c> of <see cref="Vectors"/> is <c>Entries[i]</c>'s unit embedding; rows are kept dense.</summary>
    private sealed class Shard(int dimension)
    {
        private const int InitialRows = 16;

        public float[] Vectors { get; private set; } = new float[InitialRows * dimension];
        public Entry?[] Entries { get; private set; } = new Entry?[InitialRows];
        public int Count { get; private set; }

        public void Append(Entry entry, ReadOnlySpan<float> unit)
        {
            if (Count == Entries.Length)
            {
                var vectors = Vectors;
                var entries = Entries;
                Array.Resize(ref vectors, vectors.Length * 2);
                Array.Resize(ref entries, entries.Length * 2);
                Vectors = vectors;
                Entries = entries;
            }
            unit.CopyTo(Vectors.AsSpan(Count * dimension, dimension));
            Entries[Count] = entry;
            entry.Row = Count;
            Count++;
        }

        /// <summary>Moves the last row into the freed one so the scan never meets a hole.</summary>
        public void RemoveAt(int row)
        {
            var last = Count - 1;
            if (row != last)
            {
                Vectors.AsSpan(last * dimension, dimension).CopyTo(Vectors.AsSpan(row * dimension, dimension));
                Entries[row] = Entries[last];
                Entries[row]!.Row = row;
            }
            Entries[last] = null;
            Count--;
        }
    }
}

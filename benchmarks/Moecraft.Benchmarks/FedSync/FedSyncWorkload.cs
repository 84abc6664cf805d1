using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Federation;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>
/// What the nodes publish: a fixed key space of semantic-cache entries (<c>cache:{prompt sha256}</c>) and expert
/// reputations (<c>reputation:{expert}</c>), one in four keys a reputation, with small integer-only JSON content (packet
/// content refuses floats, so rates are basis points). Every node writes keys all nodes write, so after sync every key
/// has one head per node that wrote it: a winner and visible conflicts.
/// </summary>
internal sealed class FedSyncWorkload
{
    private static readonly string[] Experts =
        ["llama-3.1-8b", "llama-3.1-70b", "qwen2.5-coder-7b", "mistral-small", "gpt-4o-mini", "gpt-4o", "claude-haiku", "deepseek-v3"];

    private static readonly string[] Words =
        ["the", "cache", "answer", "returns", "a", "summary", "of", "routing", "expert", "tokens", "quality", "latency", "prompt",
         "context", "window", "retry", "budget", "federation", "packet", "signed", "node", "key", "value", "stable", "order"];

    private readonly string[] _keys;

    public FedSyncWorkload(int keys) => _keys = [.. Enumerable.Range(0, keys).Select(KeyAt)];

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Every <paramref name="count"/>-th key, evenly over the key space (all keys when there are fewer).</summary>
    public IReadOnlyList<string> SampleKeys(int count) =>
        count >= _keys.Length ? _keys : [.. Enumerable.Range(0, count).Select(i => _keys[(int)((long)i * _keys.Length / count)])];

    /// <summary>The writer of node number <paramref name="index"/>: its own random stream from the seed.</summary>
    public NodeWriter Writer(string node, int index, int seed) => new(this, node, new Random(unchecked(seed * 1_000_003 + index * 7_919 + 1)));

    /// <summary>
    /// The view every node should resolve for <paramref name="key"/> once synced: the heads are each writer's last packet for
    /// the key (each supersedes the writer's previous one); all origins are CORE, so the rank is the later timestamp, then
    /// the ordinally greater id (<see cref="ConflictResolver"/>).
    /// </summary>
    public static (string? Winner, ImmutableArray<string> Conflicts) Expected(string key, IEnumerable<NodeWriter> writers)
    {
        var heads = writers.Select(w => w.Head(key)).OfType<KnowledgePacket>()
            .OrderByDescending(p => p.Timestamp).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .Select(p => p.Id).ToImmutableArray();
        return heads.IsEmpty ? (null, []) : (heads[0], heads[1..]);
    }

    private static string KeyAt(int index) =>
        index % 4 == 0 ? $"reputation:{Experts[index / 4 % Experts.Length]}-{index / 4:D4}" : $"cache:{Sha256Hex($"prompt {index}")}";

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>One node's drafts: distinct keys per batch, each superseding the node's own previous packet for its key.</summary>
    internal sealed class NodeWriter(FedSyncWorkload workload, string node, Random random)
    {
        private readonly Dictionary<string, KnowledgePacket> _heads = new(StringComparer.Ordinal);

        public string Node => node;

        public int Published { get; private set; }

        public KnowledgePacket? Head(string key) => _heads.GetValueOrDefault(key);

        /// <summary>Up to <paramref name="count"/> drafts on distinct keys (fewer when the key space is smaller).</summary>
        public ImmutableArray<PacketDraft> NextBatch(int count)
        {
            var keys = workload._keys;
            count = Math.Min(count, keys.Length);
            var picked = new HashSet<int>();
            while (picked.Count < count) picked.Add(random.Next(keys.Length));
            return [.. picked.Select(i => Draft(keys[i]))];
        }

        public void Record(ImmutableArray<KnowledgePacket> packets)
        {
            foreach (var packet in packets) _heads[packet.Key] = packet;
            Published += packets.Length;
        }

        private PacketDraft Draft(string key)
        {
            var content = key.StartsWith("reputation:", StringComparison.Ordinal) ? Reputation(key) : CacheEntry(key);
            ImmutableArray<string> supersedes = _heads.TryGetValue(key, out var previous) ? [previous.Id] : [];
            return new PacketDraft(PacketKind.Assert, key, content.ToJsonString(), [], supersedes, [$"node:{node}", "fedsync-bench"]);
        }

        private JsonObject CacheEntry(string key)
        {
            var input = random.Next(40, 900);
            return new JsonObject
            {
                ["type"] = "semantic-cache",
                ["prompt_sha256"] = key["cache:".Length..],
                ["expert"] = Experts[random.Next(Experts.Length)],
                ["response"] = Sentence(random.Next(12, 40)),
                ["input_tokens"] = input,
                ["output_tokens"] = random.Next(20, 600),
                ["quality_bp"] = random.Next(5_000, 10_001),
                ["similarity_threshold_bp"] = 9_500,
                ["hits"] = random.Next(0, 50),
                ["ttl_s"] = 86_400,
                ["written_by"] = node,
            };
        }

        private JsonObject Reputation(string key)
        {
            var calls = random.Next(100, 5_000);
            var failures = random.Next(0, calls / 10);
            return new JsonObject
            {
                ["type"] = "reputation",
                ["expert"] = key["reputation:".Length..],
                ["window_calls"] = calls,
                ["successes"] = calls - failures,
                ["failures"] = failures,
                ["quality_bp"] = random.Next(6_000, 9_800),
                ["p50_latency_ms"] = random.Next(80, 900),
                ["p95_latency_ms"] = random.Next(900, 4_000),
                ["observed_by"] = node,
            };
        }

        private string Sentence(int words) =>
            string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)])) + ".";
    }
}

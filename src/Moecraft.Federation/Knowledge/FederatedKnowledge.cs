using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moecraft.Routing;

namespace Moecraft.Federation;

/// <summary>
/// What federation carries for routing (SPEC 6): semantic-cache entries, routing priors, scars and expert reputations as
/// packet drafts with a fixed key scheme and content, and their parsing on the receiving side. Canonical JSON has no
/// floats, so probabilities travel in thousandths and centroids as shortest round-trip decimal strings.
/// </summary>
public static class FederatedKnowledge
{
    public const string CachePrefix = "cache:";
    public const string PriorPrefix = "prior:";
    public const string ScarPrefix = "scar:";
    public const string ReputationPrefix = "reputation:";

    /// <summary>A cached answer of <paramref name="router"/>: another node may serve it for the same prompt and options.</summary>
    public static PacketDraft CacheEntry(string router, string prompt, string optionsKey, string expert, string answer) => Draft(
        $"{CachePrefix}{router}/{Hash(optionsKey + "\n" + prompt)}",
        new JsonObject { ["router"] = router, ["prompt"] = prompt, ["options"] = optionsKey, ["expert"] = expert, ["answer"] = answer });

    /// <summary>How often <paramref name="expert"/> answers acceptably on <paramref name="router"/>, from <paramref name="samples"/> scores.</summary>
    public static PacketDraft Prior(string router, string expert, double success, int samples)
    {
        if (!(success is >= 0 and <= 1)) throw new ArgumentException($"A success rate is in [0, 1], got {success}.", nameof(success));
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        return Draft($"{PriorPrefix}{router}/{expert}", new JsonObject
        {
            ["router"] = router, ["expert"] = expert, ["success_milli"] = (int)Math.Round(success * 1000), ["samples"] = samples,
        });
    }

    /// <summary>
    /// A region of input space where <paramref name="expert"/> failed hard on its origin (SPEC 5.3), in the space of
    /// <paramref name="embedder"/>: a node that embeds otherwise cannot use it (SPEC 4.2), so the packet names it.
    /// </summary>
    public static PacketDraft Scar(string router, string expert, IReadOnlyList<float> centroid, double radius, EmbedderIdentity embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        if (centroid.Count == 0 || centroid.Any(v => !float.IsFinite(v))) throw new ArgumentException("A scar needs a finite centroid.", nameof(centroid));
        if (!(radius is > 0 and <= 2)) throw new ArgumentException($"A scar's radius is in (0, 2], got {radius}.", nameof(radius));
        if (embedder.Dimension != centroid.Count)
            throw new ArgumentException($"The scar's centroid has {centroid.Count} values; {embedder} makes {embedder.Dimension}.", nameof(centroid));
        var values = new JsonArray([.. centroid.Select(v => (JsonNode)JsonValue.Create(v.ToString("R", CultureInfo.InvariantCulture)))]);
        var radiusText = radius.ToString("R", CultureInfo.InvariantCulture);
        return Draft($"{ScarPrefix}{router}/{expert}/{Hash(string.Join(",", values.Select(v => v!.GetValue<string>())) + "/" + radiusText)}",
            new JsonObject { ["router"] = router, ["expert"] = expert, ["centroid"] = values, ["radius"] = radiusText, ["embedder"] = embedder.Name });
    }

    /// <summary>An expert's coherence summary: its slow-clock coherence and the tokens behind it.</summary>
    public static PacketDraft Reputation(string expert, double phiSlow, long tokens) => Draft(
        $"{ReputationPrefix}{expert}",
        new JsonObject { ["expert"] = expert, ["phi_slow_milli"] = (int)Math.Round(Math.Clamp(phiSlow, -1, 1) * 1000), ["tokens"] = tokens });

    public static bool TryReadCacheEntry(KnowledgePacket packet, out FederatedCacheEntry entry)
    {
        entry = default!;
        if (!packet.Key.StartsWith(CachePrefix, StringComparison.Ordinal) || !TryParse(packet, out var content)) return false;
        if (Text(content, "router") is not { } router || Text(content, "prompt") is not { } prompt || Text(content, "options") is not { } options
            || Text(content, "expert") is not { } expert || Text(content, "answer") is not { } answer) return false;
        entry = new FederatedCacheEntry(router, prompt, options, expert, answer);
        return true;
    }

    public static bool TryReadPrior(KnowledgePacket packet, out ExpertPrior prior)
    {
        prior = default!;
        if (!packet.Key.StartsWith(PriorPrefix, StringComparison.Ordinal) || !TryParse(packet, out var content)) return false;
        if (Text(content, "router") is not { } router || Text(content, "expert") is not { } expert
            || Integer(content, "success_milli") is not { } milli || milli is < 0 or > 1000
            || Integer(content, "samples") is not { } samples || samples < 0) return false;
        prior = new ExpertPrior(router, expert, milli / 1000.0, (int)Math.Min(samples, int.MaxValue), packet.Origin);
        return true;
    }

    /// <summary>
    /// Reads a reputation as a routing prior for <paramref name="router"/>: the slow-clock coherence (clamped to [0, 1]) as
    /// the success rate, one sample per 1,000 tokens behind it, at most <see cref="MaxReputationSamples"/>, so a coherence
    /// summary weighs less than a peer's measured success rate.
    /// </summary>
    public static bool TryReadReputation(KnowledgePacket packet, string router, out ExpertPrior prior)
    {
        prior = default!;
        if (!packet.Key.StartsWith(ReputationPrefix, StringComparison.Ordinal) || !TryParse(packet, out var content)) return false;
        if (Text(content, "expert") is not { } expert || Integer(content, "phi_slow_milli") is not { } milli || milli is < -1000 or > 1000
            || Integer(content, "tokens") is not { } tokens || tokens < 0) return false;
        prior = new ExpertPrior(router, expert, Math.Clamp(milli / 1000.0, 0, 1), (int)Math.Min(tokens / 1_000, MaxReputationSamples), packet.Origin);
        return true;
    }

    /// <summary>The most samples a reputation counts for as a prior.</summary>
    public const int MaxReputationSamples = 20;

    public static bool TryReadScar(KnowledgePacket packet, out FederatedScar scar)
    {
        scar = default!;
        if (!packet.Key.StartsWith(ScarPrefix, StringComparison.Ordinal) || !TryParse(packet, out var content)) return false;
        if (Text(content, "router") is not { } router || Text(content, "expert") is not { } expert || Text(content, "radius") is not { } radiusText
            || !double.TryParse(radiusText, NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || !(radius is > 0 and <= 2)
            || !content.TryGetProperty("centroid", out var values) || values.ValueKind != JsonValueKind.Array) return false;
        var centroid = new float[values.GetArrayLength()];
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String
                || !float.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out centroid[i]) || !float.IsFinite(centroid[i])) return false;
            i++;
        }
        if (centroid.Length == 0) return false;
        // A scar shared before packets named their embedder was made with the hashing embedder, as a router of that time.
        var embedder = new EmbedderIdentity(Text(content, "embedder") ?? EmbedderIdentity.HashingName, centroid.Length);
        scar = new FederatedScar(router, expert, centroid, radius, packet.Origin, embedder);
        return true;
    }

    private static PacketDraft Draft(string key, JsonObject content) =>
        new(PacketKind.Assert, key, Encoding.UTF8.GetString(Canonical.CanonicalJson.Serialize(content)), [], [], []);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private static bool TryParse(KnowledgePacket packet, out JsonElement content)
    {
        content = default;
        if (packet.Kind != PacketKind.Assert) return false;
        try
        {
            using var document = JsonDocument.Parse(packet.Content);
            content = document.RootElement.Clone();
            return content.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long? Integer(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}

/// <summary>A cache entry another node shared: the answer its <paramref name="Expert"/> gave to a prompt with these options.</summary>
public sealed record FederatedCacheEntry(string Router, string Prompt, string OptionsKey, string Expert, string Answer);

/// <summary>
/// A scar another node shared: <paramref name="Expert"/> is masked on <paramref name="Router"/> inside the region of
/// <paramref name="Embedder"/>'s space.
/// </summary>
public sealed record FederatedScar(string Router, string Expert, float[] Centroid, double Radius, string Origin, EmbedderIdentity Embedder);

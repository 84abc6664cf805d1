using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Moecraft.Experts.Replay;

/// <summary>
/// A replay dataset (BENCHMARKS 2), one JSON object per line:
/// <c>{"id": "...", "prompt": "...", "split": "train" | "test", "outcomes": {"&lt;expert id&gt;": {"quality": 0.0-1.0,
/// "input_tokens": n, "output_tokens": n, "latency_ms": n, "response": "optional text"}}}</c>. An outcome may also list
/// <c>"samples": [{"output_tokens": n, "response": "text"}, ...]</c>: further answers of that expert to the prompt, which a
/// cascade's consistency check compares (<see cref="ReplaySample"/>).
/// Parsing is strict: unknown or repeated fields, a missing field, a wrong type, a duplicate id, quality outside [0, 1] or
/// negative counts fail with a <see cref="ReplayDatasetException"/> naming the line. Blank lines are skipped.
/// </summary>
public sealed class ReplayDataset
{
    private static readonly string[] ItemFields = ["id", "prompt", "split", "outcomes"];
    private static readonly string[] OutcomeFields = ["quality", "input_tokens", "output_tokens", "latency_ms", "response", "samples"];
    private static readonly string[] SampleFields = ["output_tokens", "response"];

    private readonly Dictionary<string, ReplayItem> _byId;
    private readonly Dictionary<string, ReplayItem> _byPrompt;

    private ReplayDataset(IReadOnlyList<ReplayItem> items)
    {
        Items = items;
        _byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _byPrompt = new Dictionary<string, ReplayItem>(StringComparer.Ordinal);
        foreach (var item in items) _byPrompt.TryAdd(item.Prompt, item);   // a repeated prompt answers as its first item
        Experts = [.. items.SelectMany(i => i.Outcomes.Keys).Distinct(StringComparer.Ordinal)];
        Train = [.. items.Where(i => i.Split == ReplaySplit.Train)];
        Test = [.. items.Where(i => i.Split == ReplaySplit.Test)];
    }

    /// <summary>Items in file order.</summary>
    public IReadOnlyList<ReplayItem> Items { get; }

    /// <summary>Every expert with at least one outcome, in order of first appearance.</summary>
    public IReadOnlyList<string> Experts { get; }

    public IReadOnlyList<ReplayItem> Train { get; }

    public IReadOnlyList<ReplayItem> Test { get; }

    /// <exception cref="ArgumentException">No item has this id.</exception>
    public ReplayItem Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var item) ? item : throw new ArgumentException($"The replay dataset has no item '{id}'.", nameof(id));
    }

    /// <summary>The item recorded for exactly this prompt text; with a repeated prompt, the first in file order.</summary>
    public bool TryFindByPrompt(string prompt, out ReplayItem item)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return _byPrompt.TryGetValue(prompt, out item!);
    }

    /// <exception cref="ReplayDatasetException">The text breaks the format.</exception>
    public static ReplayDataset Parse(string jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        using var reader = new StringReader(jsonl);
        return Read(reader);
    }

    /// <exception cref="ReplayDatasetException">The file breaks the format.</exception>
    public static ReplayDataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    /// <exception cref="ReplayDatasetException">The text breaks the format.</exception>
    public static ReplayDataset Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<ReplayItem>();
        var lines = new List<int>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            items.Add(ParseLine(line, lineNumber));
            lines.Add(lineNumber);
        }
        return Validated(items, lines);
    }

    /// <summary>A dataset built in code (a generator); the same rules as parsing, with item positions as line numbers.</summary>
    /// <exception cref="ReplayDatasetException">An item breaks the rules.</exception>
    public static ReplayDataset Create(IEnumerable<ReplayItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        for (var i = 0; i < list.Count; i++) ValidateItem(list[i] ?? throw new ReplayDatasetException("The item is null.", i + 1), i + 1);
        return Validated(list, [.. Enumerable.Range(1, list.Count)]);
    }

    /// <summary>Writes the dataset as JSONL in the BENCHMARKS 2 field order; <see cref="Read"/> reads it back equal.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new MemoryStream();
        foreach (var item in Items)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("id", item.Id);
                json.WriteString("prompt", item.Prompt);
                json.WriteString("split", item.Split == ReplaySplit.Train ? "train" : "test");
                json.WriteStartObject("outcomes");
                foreach (var (expert, outcome) in item.Outcomes)
                {
                    json.WriteStartObject(expert);
                    json.WriteNumber("quality", outcome.Quality);
                    json.WriteNumber("input_tokens", outcome.InputTokens);
                    json.WriteNumber("output_tokens", outcome.OutputTokens);
                    json.WriteNumber("latency_ms", outcome.LatencyMs);
                    if (outcome.Response is not null) json.WriteString("response", outcome.Response);
                    if (outcome.Samples is not null)
                    {
                        json.WriteStartArray("samples");
                        foreach (var sample in outcome.Samples)
                        {
                            json.WriteStartObject();
                            json.WriteNumber("output_tokens", sample.OutputTokens);
                            json.WriteString("response", sample.Response);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    public string ToJsonl()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer);
        return writer.ToString();
    }

    private static ReplayDataset Validated(List<ReplayItem> items, List<int> lines)
    {
        if (items.Count == 0) throw new ReplayDatasetException("The replay dataset has no items.");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.TryAdd(items[i].Id, lines[i]))
                throw new ReplayDatasetException($"Duplicate id '{items[i].Id}' (first on line {seen[items[i].Id]}).", lines[i]);
        }
        return new ReplayDataset(items);
    }

    private static ReplayItem ParseLine(string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ReplayDatasetException($"Not valid JSON: {e.Message}", lineNumber);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ReplayDatasetException($"Expected a JSON object, got {root.ValueKind}.", lineNumber);
            var fields = Fields(root, ItemFields, "the item", lineNumber);

            var id = RequiredString(fields, "id", "the item", lineNumber);
            var prompt = RequiredString(fields, "prompt", $"item '{id}'", lineNumber);
            var splitText = RequiredString(fields, "split", $"item '{id}'", lineNumber);
            var split = splitText switch
            {
                "train" => ReplaySplit.Train,
                "test" => ReplaySplit.Test,
                _ => throw new ReplayDatasetException($"Item '{id}' has split \"{splitText}\"; expected \"train\" or \"test\".", lineNumber),
            };

            if (!fields.TryGetValue("outcomes", out var outcomesElement))
                throw new ReplayDatasetException($"Item '{id}' has no \"outcomes\".", lineNumber);
            if (outcomesElement.ValueKind != JsonValueKind.Object)
                throw new ReplayDatasetException($"Item '{id}': \"outcomes\" must be an object keyed by expert id.", lineNumber);

            var outcomes = new Dictionary<string, ReplayOutcome>(StringComparer.Ordinal);
            foreach (var property in outcomesElement.EnumerateObject())
            {
                var context = $"item '{id}', expert '{property.Name}'";
                if (outcomes.ContainsKey(property.Name)) throw new ReplayDatasetException($"Item '{id}' lists expert '{property.Name}' twice.", lineNumber);
                if (property.Value.ValueKind != JsonValueKind.Object) throw new ReplayDatasetException($"{Capitalise(context)}: the outcome must be an object.", lineNumber);
                var outcome = Fields(property.Value, OutcomeFields, context, lineNumber);
                string? response = null;
                if (outcome.TryGetValue("response", out var responseElement) && responseElement.ValueKind != JsonValueKind.Null)
                {
                    response = responseElement.ValueKind == JsonValueKind.String
                        ? responseElement.GetString()
                        : throw new ReplayDatasetException($"{Capitalise(context)}: \"response\" must be a string.", lineNumber);
                }
                outcomes[property.Name] = new ReplayOutcome(
                    RequiredNumber(outcome, "quality", context, lineNumber),
                    RequiredInteger(outcome, "input_tokens", context, lineNumber),
                    RequiredInteger(outcome, "output_tokens", context, lineNumber),
                    RequiredNumber(outcome, "latency_ms", context, lineNumber),
                    response,
                    outcome.TryGetValue("samples", out var samples) ? Samples(samples, context, lineNumber) : null);
            }

            var item = new ReplayItem(id, prompt, split, outcomes);
            ValidateItem(item, lineNumber);
            return item;
        }
    }

    private static void ValidateItem(ReplayItem item, int lineNumber)
    {
        if (string.IsNullOrWhiteSpace(item.Id)) throw new ReplayDatasetException("The item's \"id\" is blank.", lineNumber);
        if (string.IsNullOrWhiteSpace(item.Prompt)) throw new ReplayDatasetException($"Item '{item.Id}' has a blank \"prompt\".", lineNumber);
        if (item.Split is not (ReplaySplit.Train or ReplaySplit.Test)) throw new ReplayDatasetException($"Item '{item.Id}' has an unknown split.", lineNumber);
        if (item.Outcomes is null || item.Outcomes.Count == 0) throw new ReplayDatasetException($"Item '{item.Id}' has no outcomes.", lineNumber);
        foreach (var (expert, outcome) in item.Outcomes)
        {
            var context = $"Item '{item.Id}', expert '{expert}'";
            if (string.IsNullOrWhiteSpace(expert)) throw new ReplayDatasetException($"Item '{item.Id}' has an outcome with a blank expert id.", lineNumber);
            if (outcome is null) throw new ReplayDatasetException($"{context}: the outcome is null.", lineNumber);
            if (!(outcome.Quality >= 0 && outcome.Quality <= 1))
                throw new ReplayDatasetException($"{context}: quality {Format(outcome.Quality)} is outside [0, 1].", lineNumber);
            if (outcome.InputTokens < 0) throw new ReplayDatasetException($"{context}: input_tokens {outcome.InputTokens} is negative.", lineNumber);
            if (outcome.OutputTokens < 0) throw new ReplayDatasetException($"{context}: output_tokens {outcome.OutputTokens} is negative.", lineNumber);
            if (!(outcome.LatencyMs >= 0) || double.IsInfinity(outcome.LatencyMs))
                throw new ReplayDatasetException($"{context}: latency_ms {Format(outcome.LatencyMs)} must be a non-negative number.", lineNumber);
            for (var k = 0; k < outcome.SampleList.Count; k++)
            {
                if (outcome.SampleList[k] is not { } sample) throw new ReplayDatasetException($"{context}: sample {k + 1} is null.", lineNumber);
                if (sample.OutputTokens < 0) throw new ReplayDatasetException($"{context}: sample {k + 1}'s output_tokens {sample.OutputTokens} is negative.", lineNumber);
                if (sample.Response is null) throw new ReplayDatasetException($"{context}: sample {k + 1} has no response.", lineNumber);
            }
        }
    }

    /// <summary>An outcome's <c>"samples"</c>: an array of objects, each with exactly its output tokens and its response text.</summary>
    private static ReplaySample[] Samples(JsonElement element, string context, int lineNumber)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new ReplayDatasetException($"{Capitalise(context)}: \"samples\" must be an array.", lineNumber);
        return [.. element.EnumerateArray().Select((sample, k) =>
        {
            var where = $"{context}, sample {k + 1}";
            if (sample.ValueKind != JsonValueKind.Object) throw new ReplayDatasetException($"{Capitalise(where)}: a sample must be an object.", lineNumber);
            var fields = Fields(sample, SampleFields, where, lineNumber);
            return new ReplaySample(RequiredInteger(fields, "output_tokens", where, lineNumber), RequiredString(fields, "response", where, lineNumber));
        })];
    }

    /// <summary>The object's fields by name; an unknown or repeated field is an error (the format is exact).</summary>
    private static Dictionary<string, JsonElement> Fields(JsonElement element, string[] allowed, string context, int lineNumber)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                throw new ReplayDatasetException($"{Capitalise(context)} has an unknown field \"{property.Name}\"; expected {string.Join(", ", allowed.Select(a => $"\"{a}\""))}.", lineNumber);
            if (!fields.TryAdd(property.Name, property.Value))
                throw new ReplayDatasetException($"{Capitalise(context)} repeats the field \"{property.Name}\".", lineNumber);
        }
        return fields;
    }

    private static string RequiredString(Dictionary<string, JsonElement> fields, string name, string context, int lineNumber)
    {
        if (!fields.TryGetValue(name, out var value)) throw new ReplayDatasetException($"{Capitalise(context)} has no \"{name}\".", lineNumber);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ReplayDatasetException($"{Capitalise(context)}: \"{name}\" must be a string, got {value.ValueKind}.", lineNumber);
    }

    private static double RequiredNumber(Dictionary<string, JsonElement> fields, string name, string context, int lineNumber)
    {
        if (!fields.TryGetValue(name, out var value)) throw new ReplayDatasetException($"{Capitalise(context)} has no \"{name}\".", lineNumber);
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new ReplayDatasetException($"{Capitalise(context)}: \"{name}\" must be a finite number, got {value.GetRawText()}.", lineNumber);
    }

    private static long RequiredInteger(Dictionary<string, JsonElement> fields, string name, string context, int lineNumber)
    {
        if (!fields.TryGetValue(name, out var value)) throw new ReplayDatasetException($"{Capitalise(context)} has no \"{name}\".", lineNumber);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new ReplayDatasetException($"{Capitalise(context)}: \"{name}\" must be a whole number, got {value.GetRawText()}.", lineNumber);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

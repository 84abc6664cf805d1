using Moecraft.Experts;
using Moecraft.Experts.Replay;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// A seeded replay dataset with known structure: prompts from six topic clusters (each with its own vocabulary, over
/// shared filler words), four experts with rising prices. The cheap experts are good on some topics and poor on others;
/// the premium expert is good everywhere. Quality = the expert's topic skill + a per-item difficulty shared by all
/// experts + per-answer noise, clipped to [0, 1]. A router that learns the topic-by-expert skills can send most
/// traffic to cheap experts at near-premium quality; one that cannot does no better than a random mix.
/// </summary>
internal static class ReplayDataGenerator
{
    private static readonly string[] Topics = ["code", "math", "poetry", "history", "cooking", "law"];

    private static readonly string[][] Vocabulary =
    [
        ["python", "function", "compiler", "pointer", "recursion", "loop", "variable", "class", "debugger", "stack", "thread", "exception"],
        ["integral", "derivative", "matrix", "prime", "theorem", "equation", "polynomial", "probability", "vector", "limit", "proof", "lemma"],
        ["sonnet", "rhyme", "stanza", "metaphor", "verse", "haiku", "meter", "imagery", "ballad", "elegy", "couplet", "lyric"],
        ["empire", "revolution", "treaty", "dynasty", "medieval", "colonial", "monarchy", "war", "republic", "renaissance", "crusade", "pharaoh"],
        ["recipe", "oven", "flour", "sauce", "simmer", "garlic", "bake", "dough", "spice", "roast", "butter", "braise"],
        ["contract", "liability", "statute", "tort", "plaintiff", "jurisdiction", "appeal", "clause", "negligence", "court", "precedent", "lease"],
    ];

    private static readonly string[] Openers =
        ["explain", "describe", "summarise", "compare", "help me with", "what is the best way to handle", "give an example of", "why does"];

    private static readonly string[] Fillers = ["the", "a", "my", "this", "some", "with", "and", "for", "in", "about", "when", "using"];

    /// <summary>Expert ids and prices per million tokens, cheapest first.</summary>
    public static readonly (string Id, ExpertPricing Price, int OutputTokens, double MsPerToken)[] Experts =
    [
        ("tiny", new ExpertPricing(0.10m, 0.40m), 160, 4),
        ("small", new ExpertPricing(0.50m, 1.50m), 200, 8),
        ("medium", new ExpertPricing(3m, 12m), 240, 15),
        ("premium", new ExpertPricing(15m, 60m), 300, 30),
    ];

    // Mean quality per expert (row) and topic (column: code, math, poetry, history, cooking, law).
    private static readonly double[][] Skill =
    [
        [0.30, 0.25, 0.86, 0.40, 0.88, 0.30],
        [0.78, 0.40, 0.88, 0.84, 0.90, 0.45],
        [0.86, 0.82, 0.88, 0.87, 0.90, 0.62],
        [0.92, 0.90, 0.90, 0.91, 0.92, 0.89],
    ];

    public static IReadOnlyDictionary<string, ExpertPricing> Prices =>
        Experts.ToDictionary(e => e.Id, e => e.Price, StringComparer.Ordinal);

    public static ReplayDataset Generate(int items, int seed, double testShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 2);
        var random = new Random(seed);
        var list = new List<ReplayItem>(items);
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items; i++)
        {
            var topic = random.Next(Topics.Length);
            string prompt;
            do prompt = Prompt(random, topic);
            while (!prompts.Add(prompt));   // unique, so a lookup by prompt text (outside the harness, which uses ids) is unambiguous
            var inputTokens = Math.Max(1, (prompt.Length + 3) / 4);
            var difficulty = (random.NextDouble() - 0.5) * 0.2;
            var outcomes = new Dictionary<string, ReplayOutcome>(StringComparer.Ordinal);
            for (var e = 0; e < Experts.Length; e++)
            {
                var quality = Math.Clamp(Skill[e][topic] + difficulty + 0.05 * Gaussian(random), 0, 1);
                var outputTokens = (long)Math.Round(Experts[e].OutputTokens * (0.7 + 0.6 * random.NextDouble()));
                var latency = Math.Round(50 + Experts[e].MsPerToken * outputTokens);
                // Every other item records answer text, so both the response and the placeholder path are exercised.
                var response = i % 2 == 0 ? $"[{Experts[e].Id}] an answer about {Topics[topic]} ({outputTokens} tokens)." : null;
                outcomes[Experts[e].Id] = new ReplayOutcome(Math.Round(quality, 4), inputTokens, outputTokens, latency, response);
            }
            var split = random.NextDouble() < testShare ? ReplaySplit.Test : ReplaySplit.Train;
            list.Add(new ReplayItem($"gen-{i:D5}", prompt, split, outcomes));
        }
        return ReplayDataset.Create(list);
    }

    private static string Prompt(Random random, int topic)
    {
        var words = new List<string> { Openers[random.Next(Openers.Length)] };
        var length = 5 + random.Next(6);
        for (var w = 0; w < length; w++)
        {
            // Two in three words carry the topic; the rest are filler shared by every topic.
            words.Add(random.Next(3) < 2 ? Vocabulary[topic][random.Next(Vocabulary[topic].Length)] : Fillers[random.Next(Fillers.Length)]);
        }
        return string.Join(' ', words) + "?";
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Moecraft.Benchmarks.CommandLine;
using Moecraft.Benchmarks.Embeddings;
using Moecraft.Benchmarks.ToyBench;
using Moecraft.Caching;
using Moecraft.Experts.Embeddings;

namespace Moecraft.Benchmarks;

/// <summary>
/// <c>cacheprobe</c>: per embedder, the surrogate cache's false hits and paraphrase hit rate (SPEC 4.3) on the generated
/// paraphrase / meaning-reversal set at several thresholds with and without the lexical guard, the threshold
/// <see cref="CacheThresholdCalibration"/> chooses beside the one in use (<see cref="EmbedderCacheThresholds"/>), and the
/// embedding latency per prompt (one prompt at a time, as the request path embeds). Prints plain tables; <c>--out</c>
/// also writes them as markdown.
/// </summary>
internal static class CacheProbeCommand
{
    public const string Name = "cacheprobe";
    public const string Usage =
        "cacheprobe [--embedders hashing,minilm,arctic-xs] [--seed N] [--bases-per-template N] [--thresholds 0.90,0.95,0.97,0.99] [--repetitions 200] [--out DIR]";

    private sealed record Options(
        IReadOnlyList<string> Embedders, int Seed, int Bases, IReadOnlyList<double> Thresholds, int Repetitions, string? Out, bool Help);

    public static int Run(IReadOnlyList<string> args)
    {
        var (options, exit) = OptionArgs.ParseOrExit(() => OptionArgs.Parse(args,
            new Options(ProbeEmbedder.Keys, CacheProbeSet.DefaultSeed, CacheProbeSet.DefaultBasesPerTemplate, [0.90, 0.95, 0.97, 0.99], 200, null, false),
            o => o with { Help = true }, (o, name, value) => name switch
            {
                "--embedders" => o with { Embedders = Embedders(value) },
                "--seed" => o with { Seed = OptionArgs.Int(name, value) },
                "--bases-per-template" => o with { Bases = OptionArgs.Int(name, value, 1) },
                "--thresholds" => o with { Thresholds = [.. OptionArgs.List(value).Select(t => OptionArgs.Number(name, t, 0.01, 1))] },
                "--repetitions" => o with { Repetitions = OptionArgs.Int(name, value, 1) },
                "--out" => o with { Out = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            }), o => o.Help, Usage);
        if (exit is { } code) return code;

        var set = CacheProbeSet.Generate(options!.Seed, options.Bases);
        var report = new StringBuilder();
        void Section(string title, TextTable table)
        {
            Console.WriteLine(title);
            Console.WriteLine(table.ToText());
            report.AppendLine($"### {title}").AppendLine().AppendLine(table.ToMarkdown());
        }

        var heading = $"Cache probe: seed {options.Seed}, {set.Cases.Count} base prompts, {set.VariantCount} variants; latency over {options.Repetitions} single-prompt embeddings after 5 warm-up calls, {Environment.ProcessorCount} cores";
        Console.WriteLine(heading);
        Console.WriteLine();
        report.AppendLine($"## {heading}").AppendLine();

        var summary = new TextTable(
            ["embedder", "d", "load ms", "short p50 ms", "short p95 ms", "220 ch p50 ms", "220 ch p95 ms", "set mean ms",
             "threshold", "calibrated", "false hits", "FHR", "paraphrase hits", "cos paraphrase", "cos reversal", "cos unrelated"], labelColumns: 1);
        foreach (var key in options.Embedders)
        {
            var embedder = ProbeEmbedder.Load(key);
            var shortLatency = EmbeddingLatency.Of(embedder.Embed, EmbeddingLatency.ShortPrompt, options.Repetitions);
            var longLatency = EmbeddingLatency.Of(embedder.Embed, EmbeddingLatency.LongPrompt, options.Repetitions);
            var times = new List<double>();
            var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var probe = new CacheProbe(set, text =>
            {
                var started = Stopwatch.GetTimestamp();
                var vector = embedder.Embed(text);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return vectors[text] = vector;
            });
            var cosines = MeanCosines(set, vectors);
            var setLatency = EmbeddingLatency.From(times);
            var (calibrated, _) = CacheThresholdCalibration.Calibrate(probe);
            var inUse = EmbedderCacheThresholds.For(embedder.Identity);
            var atDefault = probe.Measure(inUse, lexicalGuard: true);

            var thresholds = options.Thresholds.Append(inUse).Append(calibrated.SimilarityThreshold).Distinct().Order().ToList();
            var results = thresholds.SelectMany(t => new[] { probe.Measure(t, lexicalGuard: false), probe.Measure(t, lexicalGuard: true) }).ToList();
            Section($"{embedder.Identity}: false hits and paraphrase hits by threshold (in use: {F(inUse)}, calibrated: {F(calibrated.SimilarityThreshold)})",
                Rates(results, inUse));
            Section($"{embedder.Identity}: hit rate per kind and edit at {F(inUse)} (Paraphrase: should hit its own base; MeaningReversal, Unrelated: should not hit)",
                Detail([probe.Measure(inUse, lexicalGuard: false), atDefault]));

            summary.Add(embedder.Identity.Name, embedder.Identity.Dimension.ToString(CultureInfo.InvariantCulture), Ms(embedder.LoadMilliseconds),
                Ms(shortLatency.P50), Ms(shortLatency.P95), Ms(longLatency.P50), Ms(longLatency.P95), Ms(setLatency.Mean),
                F(inUse), F(calibrated.SimilarityThreshold), $"{atDefault.FalseHits}/{atDefault.ShouldNotHitLookups}", P(atDefault.FalseHitRate),
                P(atDefault.ParaphraseHitRate), F(cosines[ProbeKind.Paraphrase]), F(cosines[ProbeKind.MeaningReversal]), F(cosines[ProbeKind.Unrelated]));
        }
        Section("Summary: latency per prompt (one at a time); the cache at each embedder's threshold in use, guard on; mean cosine of each kind of variant with its base", summary);
        report.AppendLine(
            $"Calibration: with the guard on, the threshold of 0.80-0.99 (steps of 0.01) that maximises paraphrase hit rate - {F(CacheThresholdCalibration.DefaultFalseHitWeight)} x false-hit rate.");

        if (options.Out is { } folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "cacheprobe.md");
            File.WriteAllText(path, report.ToString());
            Console.WriteLine($"Wrote {path}");
        }
        return 0;
    }

    /// <summary>The mean cosine of each kind of variant with its base prompt: how an embedder spreads paraphrases, reversals and unrelated prompts.</summary>
    private static Dictionary<ProbeKind, double> MeanCosines(CacheProbeSet set, Dictionary<string, float[]> vectors) =>
        set.Cases.SelectMany(c => c.Variants.Select(v => (v.Kind, Cosine: (double)TensorPrimitives.CosineSimilarity(vectors[c.Base], vectors[v.Text]))))
            .GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.Average(x => x.Cosine));

    private static TextTable Rates(IEnumerable<CacheProbeResult> results, double inUse)
    {
        var table = new TextTable(["threshold", "guard", "false hits", "false-hit rate", "reversal FHR", "unrelated FHR", "paraphrase hit rate"], labelColumns: 2);
        foreach (var r in results)
        {
            table.Add(F(r.SimilarityThreshold) + (Math.Abs(r.SimilarityThreshold - inUse) < 1e-9 ? " *" : ""), r.LexicalGuard ? "on" : "off",
                $"{r.FalseHits}/{r.ShouldNotHitLookups}", P(r.FalseHitRate), P(r.Kind(ProbeKind.MeaningReversal).Rate), P(r.Kind(ProbeKind.Unrelated).Rate),
                P(r.ParaphraseHitRate));
        }
        return table;
    }

    private static TextTable Detail(IReadOnlyList<CacheProbeResult> results)
    {
        var table = new TextTable(["kind", "edit", "n", "guard off", "guard on"], labelColumns: 2);
        foreach (var row in results[0].Rows)
        {
            table.Add([row.Kind.ToString(), row.Edit == CacheProbe.AllEdits ? "(all)" : row.Edit, row.Lookups.ToString(CultureInfo.InvariantCulture),
                .. results.Select(r => P(r.Rows.Single(x => x.Kind == row.Kind && x.Edit == row.Edit).Rate))]);
        }
        return table;
    }

    private static IReadOnlyList<string> Embedders(string value)
    {
        var keys = OptionArgs.List(value);
        if (keys.Length == 0) throw new ArgumentException("Option --embedders needs at least one embedder.");
        foreach (var key in keys)
            if (!ProbeEmbedder.Keys.Contains(key)) throw new ArgumentException($"Unknown embedder '{key}'; one of {string.Join(", ", ProbeEmbedder.Keys)}.");
        return keys;
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string P(double rate) => (rate * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

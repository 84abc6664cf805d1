using System.Globalization;
using Moecraft.Benchmarks.ToyBench;
using Moecraft.Caching;
using Moecraft.Embeddings;

using Moecraft.Benchmarks.CommandLine;

namespace Moecraft.Benchmarks;

/// <summary>
/// <c>cacheprobe</c>: the surrogate cache's false hits (SPEC 4.3) on the generated paraphrase / meaning-reversal set with
/// the hashing embedder, at several thresholds, with and without the lexical guard. Prints plain tables; no timing.
/// </summary>
internal static class CacheProbeCommand
{
    public const string Name = "cacheprobe";
    public const string Usage = "cacheprobe [--seed N] [--bases-per-template N] [--thresholds 0.90,0.95,0.97,0.99]";

    public static int Run(IReadOnlyList<string> args)
    {
        var seed = CacheProbeSet.DefaultSeed;
        var bases = CacheProbeSet.DefaultBasesPerTemplate;
        double[] thresholds = [0.90, 0.95, 0.97, 0.99];
        try
        {
            (seed, bases, thresholds) = OptionArgs.Parse(args, (seed, bases, thresholds), _ => throw new ArgumentException("Usage:"), (o, name, value) => name switch
            {
                "--seed" => o with { seed = OptionArgs.Int(name, value) },
                "--bases-per-template" => o with { bases = OptionArgs.Int(name, value, 1) },
                "--thresholds" => o with { thresholds = [.. OptionArgs.List(value).Select(t => OptionArgs.Number(name, t, 0, 1))] },
                _ => throw new ArgumentException($"Unknown option {name}."),
            });
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var set = CacheProbeSet.Generate(seed, bases);
        var embedder = new HashingEmbedder();
        var probe = new CacheProbe(set, embedder.Embed);
        var results = thresholds.SelectMany(t => new[] { probe.Measure(t, lexicalGuard: false), probe.Measure(t, lexicalGuard: true) }).ToList();

        Console.WriteLine($"Cache probe: seed {seed}, {set.Cases.Count} base prompts, {set.VariantCount} variants, hashing embedder d = {embedder.Dimension}");
        Console.WriteLine();
        var summary = new TextTable(["threshold", "guard", "false hits", "false-hit rate", "reversal FHR", "unrelated FHR", "paraphrase hit rate"], labelColumns: 2);
        foreach (var r in results)
        {
            summary.Add(F(r.SimilarityThreshold, "F2"), r.LexicalGuard ? "on" : "off", $"{r.FalseHits}/{r.ShouldNotHitLookups}",
                P(r.FalseHitRate), P(r.Kind(ProbeKind.MeaningReversal).Rate), P(r.Kind(ProbeKind.Unrelated).Rate), P(r.ParaphraseHitRate));
        }
        Console.WriteLine(summary.ToText());

        // Per edit: the hit rate (paraphrases: own base; others: any hit) for every threshold, guard off / on.
        var headers = new List<string> { "kind", "edit", "n" };
        foreach (var t in thresholds) headers.AddRange([$"{F(t, "F2")} off", $"{F(t, "F2")} on"]);
        var detail = new TextTable(headers, labelColumns: 2);
        foreach (var row in results[0].Rows)
        {
            var cells = new List<string> { row.Kind.ToString(), row.Edit == CacheProbe.AllEdits ? "(all)" : row.Edit, row.Lookups.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(results.Select(r => P(r.Rows.Single(x => x.Kind == row.Kind && x.Edit == row.Edit).Rate)));
            detail.Add([.. cells]);
        }
        Console.WriteLine("Hit rate per kind and edit (Paraphrase: should hit its own base; MeaningReversal, Unrelated: should not hit)");
        Console.WriteLine(detail.ToText());
        return 0;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string P(double rate) => (rate * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

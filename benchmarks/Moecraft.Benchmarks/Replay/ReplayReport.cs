using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moecraft.Benchmarks.ToyBench;
using Moecraft.Experts.Replay;

namespace Moecraft.Benchmarks.Replay;

/// <summary>Renders a replay result as console tables, a markdown report and JSON.</summary>
internal static class ReplayReport
{
    private const string ApgrExplained =
        "APGR integrates the performance gap recovered, `(q - q_cheapest) / (q_premium - q_cheapest)`, over normalised cost " +
        "`(cost - cost_cheapest) / (cost_premium - cost_cheapest)` from 0 to 1, through the upper monotone envelope of the swept points " +
        "plus the two single-expert endpoints; the exact random mix of the two is the diagonal, 0.5. The premium share is read from the " +
        "same envelope over the share of premium calls. Learned and sampled routers: mean ± sample standard deviation over the seeds " +
        "(premium share: over the seeds that reached 95%).";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // the oracle's last lambda is infinity (always cheapest)
    };

    public static string ToJson(ReplayResult result) => JsonSerializer.Serialize(result, Json);

    public static TextTable Experts(ReplayResult result)
    {
        var table = new TextTable(["expert", "in $/M", "out $/M", "cost/call", "quality", "role"]);
        foreach (var e in result.Experts)
        {
            var roles = new List<string>();
            if (e.Id == result.Cheapest) roles.Add("cheapest");
            if (e.Id == result.Premium) roles.Add("premium");
            if (e.Id == result.BestSingle) roles.Add("best single");
            table.Add(e.Id, F(e.InputPerMillion), F(e.OutputPerMillion), Cost(e.CostPerCall), F(e.Quality, "0.000"), string.Join(", ", roles));
        }
        return table;
    }

    /// <summary>The cost-quality curve of one router (first seed): per setting, cost, share of calls per expert and mean quality.</summary>
    public static TextTable Curve(ReplayResult result, ReplayRouterResult router)
    {
        var experts = result.Experts.Select(e => e.Id).ToArray();
        var table = new TextTable([router.Setting, "cost/call", .. experts.Select(e => $"% {e}"), "quality", "% of best"]);
        foreach (var point in router.Points)
        {
            table.Add(
                [F(point.Setting, "0.000"), Cost(point.Cost), .. experts.Select(e => F(100 * point.Shares[e], "0.0")), F(point.Quality, "0.000"),
                 F(100 * point.Quality / (result.RequiredQuality / 0.95), "0.0")]);
        }
        return table;
    }

    public static TextTable Summary(ReplayResult result)
    {
        var table = new TextTable(["router", "APGR", "premium share @95%", "runs"]);
        foreach (var router in result.Routers)
        {
            var share = router.PremiumShareSpread is { } s
                ? Percent(s) + (s.Missing > 0 ? $" ({s.Missing} run(s) never reached it)" : "")
                : "not reached";
            table.Add(router.Name, Number(router.ApgrSpread) + (router.Apgr > 1 ? " *" : ""), share, router.ApgrSpread.Count.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }

    public static TextTable Calibration(ReplayResult result)
    {
        var table = new TextTable(["expert", "Brier", "ECE (10 bins)"]);
        foreach (var c in result.Calibration) table.Add(c.Expert, Number(c.Brier), Number(c.ExpectedCalibrationError));
        return table;
    }

    public static TextTable Latency(ReplayResult result)
    {
        var latency = result.Latency;
        var table = new TextTable(["routing decision", "p50 ms", "p95 ms"]);
        var shape = $"{latency.PromptCharacters}-character prompt x {latency.Repetitions}, {result.Experts.Count} experts x {result.Heads} heads, {latency.Cores} cores";
        table.Add($"embedding ({result.Embedder}, d = {result.EmbeddingDimension}) + gate, {shape}", F(latency.DecisionP50Ms, "0.000"), F(latency.DecisionP95Ms, "0.000"));
        table.Add($"gate alone ({result.GateInputs} inputs: statistics, predictor, gain head, gain policy)", F(latency.GateP50Ms, "0.000"), F(latency.GateP95Ms, "0.000"));
        return table;
    }

    public static string Header(ReplayResult result) =>
        $"Replay ({result.Dataset}): {result.TrainItems} train / {result.TestItems} test items, seeds {string.Join(", ", result.Seeds)}, " +
        $"{result.Heads} heads, {result.Epochs} epoch(s), z = {F(result.UncertaintyPenalty)}, cascade max uncertainty {F(result.MaxUncertainty)}; gain head {result.GainHead}; " +
        $"embedder {result.Embedder} (d = {result.EmbeddingDimension}; gate input {result.GateInputs} = embedding + prompt statistics); " +
        $"95% of the best single expert ({result.BestSingle}) = quality {F(result.RequiredQuality, "0.000")}.";

    public static string ToText(ReplayResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(Header(result)).AppendLine();
        text.AppendLine("Experts alone on the test items:").Append(Experts(result).ToText()).AppendLine();
        text.AppendLine($"Cost-quality curve, {result.Routers[0].Name} (seed {result.Seeds[0]}):").Append(Curve(result, result.Routers[0]).ToText()).AppendLine();
        text.AppendLine("Summary (APGR: 0.5 = random mix of cheapest and premium, 1 = premium quality at cheapest cost; mean ± sd over seeds):")
            .Append(Summary(result).ToText());
        AppendNotes(text, result, markdown: false);
        text.AppendLine().AppendLine("Calibration of the gate's predicted success on the test items (mean ± sd over seeds):").Append(Calibration(result).ToText()).AppendLine();
        text.Append(Latency(result).ToText());
        return text.ToString();
    }

    public static string ToMarkdown(ReplayResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("# Replay: LLM routing quality (BENCHMARKS 2)").AppendLine().AppendLine(Header(result)).AppendLine();
        text.AppendLine("## Summary").AppendLine().Append(Summary(result).ToMarkdown());
        AppendNotes(text, result, markdown: true);
        text.AppendLine().AppendLine(ApgrExplained).AppendLine();
        text.AppendLine("## Calibration of the gate").AppendLine().Append(Calibration(result).ToMarkdown()).AppendLine();
        text.AppendLine("## Routing decision latency").AppendLine().Append(Latency(result).ToMarkdown()).AppendLine();
        text.AppendLine("## Experts alone").AppendLine().Append(Experts(result).ToMarkdown()).AppendLine();
        foreach (var router in result.Routers)
            text.AppendLine($"## Cost-quality curve: {router.Name}").AppendLine().Append(Curve(result, router).ToMarkdown()).AppendLine();
        return text.ToString();
    }

    /// <summary>Each distinct note once (an APGR above 1 is explained, not printed without comment).</summary>
    private static void AppendNotes(StringBuilder text, ReplayResult result, bool markdown)
    {
        foreach (var note in result.Routers.Where(r => r.Note is not null).GroupBy(r => r.Note!))
            text.AppendLine().AppendLine($"{(markdown ? "\\*" : "*")} {string.Join(", ", note.Select(r => r.Name))}: {note.Key}");
    }

    private static string Number(Spread spread) =>
        spread.Count > 1 ? $"{F(spread.Mean, "0.000")} ± {F(spread.StandardDeviation, "0.000")}" : F(spread.Mean, "0.000");

    private static string Percent(Spread spread) =>
        spread.Count > 1 ? $"{F(100 * spread.Mean, "0.0")}% ± {F(100 * spread.StandardDeviation, "0.0")}" : F(100 * spread.Mean, "0.0") + "%";

    private static string Cost(double dollars) => (dollars * 1000).ToString("0.0000", CultureInfo.InvariantCulture) + " m$";

    private static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string F(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

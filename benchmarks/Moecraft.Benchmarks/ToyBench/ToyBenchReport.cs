using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Renders a <see cref="ToyBenchDocument"/>: the formulas, the main table (one row per run and layer), a summary per arm
/// and fault against the anchors of BENCHMARKS 1, collapse recovery, per-expert coherence, the Moecraft arm's findings,
/// the bimodality check and the goal check; as aligned text and as markdown, and the document itself as JSON.
/// </summary>
internal static class ToyBenchReport
{
    public const string MarkdownFile = "toybench.md";
    public const string JsonFile = "toybench.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="Code">Markdown shows the lines as code (formulas hold <c>_</c> and <c>*</c>).</param>
    private sealed record Section(string Title, IReadOnlyList<string> Lines, TextTable? Table = null, bool Code = false);

    public static string ToText(ToyBenchDocument document)
    {
        var text = new StringBuilder();
        foreach (var section in Sections(document))
        {
            text.AppendLine().AppendLine($"== {section.Title} ==");
            foreach (var line in section.Lines) text.AppendLine(line);
            if (section.Table is { RowCount: > 0 } table) text.Append(table.ToText());
        }

        return text.ToString();
    }

    public static string ToMarkdown(ToyBenchDocument document)
    {
        var text = new StringBuilder("# Toy bench (BENCHMARKS 1)").AppendLine();
        foreach (var section in Sections(document))
        {
            text.AppendLine().AppendLine($"## {section.Title}").AppendLine();
            if (section.Code)
            {
                text.AppendLine("```");
                foreach (var line in section.Lines) text.AppendLine(line);
                text.AppendLine("```");
            }
            else
            {
                foreach (var line in section.Lines) text.AppendLine($"{line}  ");   // two spaces: a markdown line break
            }

            if (section.Table is { RowCount: > 0 } table) text.AppendLine().Append(table.ToMarkdown());
        }

        return text.ToString();
    }

    public static async Task WriteAsync(ToyBenchDocument document, string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), ToMarkdown(document));
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(document, Json));
    }

    public static async Task<ToyBenchDocument> ReadAsync(string directory)
    {
        var path = Path.Combine(directory, JsonFile);
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ToyBenchDocument>(stream, Json)
            ?? throw new InvalidDataException($"{path} holds no toy bench document.");
    }

    private static IEnumerable<Section> Sections(ToyBenchDocument document)
    {
        var runs = document.Runs;
        yield return new Section("Setup", [
            $"written {document.Written:u} on {document.Machine}",
            .. document.CommandLines.Select(c => $"command: {c}"),
            "model T0: 2 layers, d = 128, 4 heads, context 64, 8 experts (d -> 2d -> d) top-2; dense: one 4d FFN. AdamW, lr 1e-3 warm-up 100 then cosine to 1e-4, batch 16 x 64, 1 thread.",
            "faults: collapse = +4 on the logits of experts 0 and 1 for the first 15% of steps (0-299 of 2,000); noise = expert 5's output replaced by N(0, 1) from 25% (step 500 of 2,000).",
            "moecraft arm: one router layer grain per MoE layer (in-process silo, SQLite storage), neural kind, lifecycle every 100 steps as a dry run (proposals recorded, not executed).",
            "moecraft profiles (--profile): spec = the SPEC 3 defaults (u 0.001, eta 0.01, spread floor 1e-6, prune below phi_loo 0.3 after 1,000 tokens, slow half-life 1,000); calibrated (the default) = RouterSettings.CalibratedNeuralLayer (eta 0.001, spread floor 0.1, prune below 0.1 after 100,000 tokens, slow half-life 250)."]);
        yield return new Section("Formulas", [.. ToyBenchMetrics.Formulas.Select(f => $"{f.Name,-14} = {f.Formula}")], Code: true);
        yield return new Section("Runs (one row per MoE layer)", [], MainTable(runs));
        yield return new Section("Per arm and fault (mean over seeds and layers) vs BENCHMARKS 1 anchors", [
            "anchors: dense 1.922; no balancing 1.841-1.861, MaxVio_global 0.15-0.64, after collapse 1.05-1.34; switch ~1.85, 0.07-0.22, after collapse 0.34-0.40; loss-free ~1.85, 0.045-0.086, after collapse 0.047-0.083."],
            SummaryTable(runs));
        yield return new Section("MaxVio_batch per 100-step window (collapse and recovery)", [], WindowTable(runs));
        yield return new Section("Coherence per expert (slow clock; the Moecraft arm from its grain, the others from the bench's clocks on the same traces)", [], CoherenceTable(runs));
        yield return new Section("Moecraft arm: degrading flags, bimodality and lifecycle proposals (dry run)",
            [$"flagged = share of health polls (every {RouterLayerWatch.PollEvery} steps) at which the expert was flagged degrading (delta_phi = phi_loo_fast - phi_loo_slow < -0.01 for 3 steps)."],
            RouterTable(runs));
        if (document.Bimodality is { } bimodality)
        {
            yield return new Section("Bimodality known answer (router layer grain, synthetic traces, 6 experts in 8 slots)", [
                $"B_e = S * b, S = (1 - cos(c1, c2)) / 2, b = 4 n1 n2 / (n1 + n2)^2 (online cosine 2-means of the sampled inputs, mid clock); split needs B_e > {bimodality.SplitThreshold} and phi_slow >= 0.3.",
                $"expert 0 (two orthogonal clusters): B = {F3(bimodality.BimodalB)}; expert 1 (one cluster): B = {F3(bimodality.UnimodalB)}; after {bimodality.Steps} steps.",
                $"split proposed for the bimodal expert: {YesNo(bimodality.SplitProposedForBimodal)}; for the unimodal one: {YesNo(bimodality.SplitProposedForUnimodal)}; any prune: {YesNo(bimodality.PruneProposed)}.",
                .. bimodality.Proposals.Select(p => $"  {p}")]);
        }

        var goals = new TextTable(["goal", "verdict", "detail"], labelColumns: 3);
        foreach (var goal in document.Goals) goals.Add(goal.Goal, goal.Verdict, goal.Detail);
        yield return new Section("Goal check (BENCHMARKS 1)", [], goals);
    }

    private static TextTable MainTable(IReadOnlyList<ToyBenchRunResult> runs)
    {
        var table = new TextTable(["run", "layer", "val loss", "MaxVio_global", "MaxVio_batch", "Neff", "dead", "starved", "top1 flip", "topk chg", "JS", "TV", "s/step", "overhead"], labelColumns: 2);
        foreach (var run in runs)
        {
            var loss = F3(run.ValidationLoss);
            var seconds = F4(run.MedianStepSeconds);
            var overhead = run.ArmKind switch
            {
                ToyBenchArm.Moecraft => $"{P2(run.ControllerOverhead)} (math {P2(run.EngineMathOverhead)})",
                ToyBenchArm.LossFree => P2(run.ControllerOverhead),
                _ => "-",
            };
            if (run.Layers.Length == 0) table.Add(run.Name, "-", loss, "-", "-", "-", "-", "-", "-", "-", "-", "-", seconds, overhead);
            foreach (var layer in run.Layers)
            {
                var d = layer.DisagreementRun;
                table.Add(run.Name, layer.Layer.ToString(CultureInfo.InvariantCulture), loss, F3(layer.MaxVioGlobal), F3(layer.MaxVioBatchLast),
                    F2(layer.EffectiveExperts), Experts(layer.DeadExperts), Experts(layer.StarvedExperts),
                    F3(d.Top1Flip), F3(d.TopKChange), F5(d.JensenShannon), F4(d.TotalVariation), seconds, overhead);
            }
        }

        return table;
    }

    private static TextTable SummaryTable(IReadOnlyList<ToyBenchRunResult> runs)
    {
        var table = new TextTable(["arm", "fault", "seeds", "val loss", "MaxVio_global", "MaxVio_batch", "Neff", "dead", "top-k chg", "s/step"], labelColumns: 2);
        foreach (var group in runs.GroupBy(r => (r.ArmKind, r.FaultKind)).OrderBy(g => g.Key.ArmKind).ThenBy(g => g.Key.FaultKind))
        {
            var layers = group.SelectMany(r => r.Layers).ToArray();
            table.Add(ToyBenchNames.Of(group.Key.ArmKind), ToyBenchNames.Of(group.Key.FaultKind), string.Join(",", group.Select(r => r.Seed)),
                F3(group.Average(r => r.ValidationLoss)) + Range(group.Select(r => r.ValidationLoss)),
                layers.Length == 0 ? "-" : F3(layers.Average(l => l.MaxVioGlobal)) + Range(layers.Select(l => l.MaxVioGlobal)),
                layers.Length == 0 ? "-" : F3(layers.Average(l => l.MaxVioBatchLast)),
                layers.Length == 0 ? "-" : F2(layers.Average(l => l.EffectiveExperts)),
                layers.Length == 0 ? "-" : layers.Sum(l => l.DeadExperts.Length).ToString(CultureInfo.InvariantCulture),
                layers.Length == 0 ? "-" : F3(layers.Average(l => l.DisagreementRun.TopKChange)),
                F4(ToyBenchMetrics.Median(group.Select(r => r.MedianStepSeconds))));
        }

        return table;
    }

    private static TextTable WindowTable(IReadOnlyList<ToyBenchRunResult> runs)
    {
        var windows = runs.SelectMany(r => r.Layers).Select(l => l.MaxVioBatchByWindow.Length).DefaultIfEmpty(0).Max();
        var shown = Enumerable.Range(0, windows).Where(w => w < 6 || w == windows - 1).ToArray();
        var table = new TextTable(["run", "layer", .. shown.Select(w => $"{w * ToyBenchMetrics.WindowSteps}-")], labelColumns: 2);
        foreach (var run in runs.Where(r => r.Layers.Length > 0 && r.FaultKind == ToyBenchFault.Collapse))
        {
            foreach (var layer in run.Layers)
                table.Add([run.Name, layer.Layer.ToString(CultureInfo.InvariantCulture), .. shown.Select(w => w < layer.MaxVioBatchByWindow.Length ? F3(layer.MaxVioBatchByWindow[w]) : "-")]);
        }

        return table;
    }

    private static TextTable CoherenceTable(IReadOnlyList<ToyBenchRunResult> runs)
    {
        var experts = runs.SelectMany(r => r.Layers).Select(l => l.PhiSlow.Length).DefaultIfEmpty(0).Max();
        var table = new TextTable(["run", "layer", "clock", .. Enumerable.Range(0, experts).Select(e => $"e{e}")], labelColumns: 3);
        foreach (var run in runs)
        {
            foreach (var layer in run.Layers)
            {
                var name = layer.Layer.ToString(CultureInfo.InvariantCulture);
                table.Add([run.Name, name, "phi slow", .. layer.PhiSlow.Select(Reading)]);
                table.Add([run.Name, name, "phi_loo slow", .. layer.PhiLeaveOneOutSlow.Select(Reading)]);
                table.Add([run.Name, name, "phi_loo fast", .. layer.PhiLeaveOneOutFast.Select(Reading)]);
            }
        }

        return table;
    }

    private static TextTable RouterTable(IReadOnlyList<ToyBenchRunResult> runs)
    {
        var table = new TextTable(["run", "layer", "degrading at end", "flagged (share of polls) e0..e7", "delta_phi e5", "B_e max", "decisions", "proposals (edit [slots] @ step)"], labelColumns: 2);
        foreach (var run in runs.Where(r => r.ArmKind == ToyBenchArm.Moecraft))
        {
            foreach (var layer in run.Layers)
            {
                if (layer.Router is not { } router) continue;
                var flagged = router.FlaggedShare.Select(s => (s * 100).ToString("0", CultureInfo.InvariantCulture));
                var atEnd = Enumerable.Range(0, router.DegradingAtEnd.Length).Where(e => router.DegradingAtEnd[e]).ToArray();
                table.Add(run.Name, layer.Layer.ToString(CultureInfo.InvariantCulture),
                    Experts(atEnd),
                    string.Join(" ", flagged) + " %",
                    router.DeltaPhi.Length > ToyBenchCase.NoiseExpert ? Reading(router.DeltaPhi[ToyBenchCase.NoiseExpert]) : "-",
                    router.Bimodality.Length == 0 ? "-" : $"{F3(router.Bimodality.Max())} (e{Array.IndexOf(router.Bimodality, router.Bimodality.Max())})",
                    router.Decisions.ToString(CultureInfo.InvariantCulture),
                    router.Proposals.Length == 0 ? "none" : string.Join("; ", router.Proposals.Select(p => p.Describe())));
            }
        }

        return table;
    }

    private static string Experts(int[] experts) => experts.Length == 0 ? "0" : $"{experts.Length} [{string.Join(",", experts)}]";

    private static string Range(IEnumerable<double> values)
    {
        var all = values.ToArray();
        return all.Length < 2 ? "" : $" ({F3(all.Min())}-{F3(all.Max())})";
    }

    private static string Reading(double? value) => value is { } v ? F3(v) : "-";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string P2(double value) => value.ToString("P2", CultureInfo.InvariantCulture);

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F4(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string F5(double value) => value.ToString("0.00000", CultureInfo.InvariantCulture);
}

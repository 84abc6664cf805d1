using System.Globalization;
using System.Text;
using System.Text.Json;
using Moecraft.Benchmarks.ToyBench;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>The <c>gateway</c> table (rows: arm x mode) as console text, markdown and JSON, and the notes under it.</summary>
internal sealed class GatewayReport(GatewayOptions options, IReadOnlyList<ArmResult> results, string environment)
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public TextTable Table()
    {
        var c = options.Concurrency;
        var table = new TextTable(
            ["arm", "mode", "status", "c1 p50 ms", "c1 p95 ms", "c1 p99 ms", "added p50 ms", "added p95 ms", "added p99 ms",
             $"c{c} req/s", $"c{c} p50 ms", $"c{c} p99 ms", "errors"], labelColumns: 3);
        foreach (var row in results)
        {
            var direct = Direct(row);
            var (one, many) = (row.Single, row.Loaded);
            table.Add(row.Arm, row.Mode, row.StatusText,
                Ms(one?.P50), Ms(one?.P95), Ms(one?.P99),
                Ms(Added(one?.P50, direct?.Single?.P50)), Ms(Added(one?.P95, direct?.Single?.P95)), Ms(Added(one?.P99, direct?.Single?.P99)),
                many is null ? "-" : many.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture), Ms(many?.P50, "F2"), Ms(many?.P99, "F2"),
                row.Status == ArmStatus.Ok ? row.Errors.ToString(CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }

    public IReadOnlyList<string> Notes() =>
        [.. results.Select(r => r.Status == ArmStatus.Ok && r.Errors > 0
                ? $"{r.Arm} {r.Mode}: {r.Detail}; {r.Errors} failed requests, first: {r.Single?.FirstError ?? r.Loaded?.FirstError}"
                : $"{r.Arm} {r.Mode}: {r.Detail}")];

    /// <summary>
    /// Issue 11's goal for the pass-through arm, per mode where it and Portkey were both measured: under 1 ms added at the
    /// median, less than Portkey adds, and at least 3x Portkey's requests per second at the high concurrency.
    /// </summary>
    public IReadOnlyList<string> Goals()
    {
        var goals = new List<string>();
        foreach (var moecraft in results.Where(r => r.Arm == GatewayArms.MoecraftExpert && r.Status == ArmStatus.Ok))
        {
            var portkey = results.FirstOrDefault(r => r.Arm == GatewayArms.Portkey && r.Stream == moecraft.Stream && r.Status == ArmStatus.Ok);
            var direct = Direct(moecraft);
            if (portkey is null || direct is null) continue;
            var added = moecraft.Single!.P50 - direct.Single!.P50;
            var portkeyAdded = portkey.Single!.P50 - direct.Single.P50;
            var ratio = moecraft.Loaded!.RequestsPerSecond / portkey.Loaded!.RequestsPerSecond;
            var pass = added < 1 && added < portkeyAdded && ratio >= 3;
            goals.Add($"goal ({moecraft.Mode}): {(pass ? "PASS" : "FAIL")}: {GatewayArms.MoecraftExpert} adds {Ms(added)} ms at p50 (goal < 1 ms and < Portkey's {Ms(portkeyAdded)}), "
                + $"c{options.Concurrency} {ratio.ToString("F1", CultureInfo.InvariantCulture)}x Portkey's requests/s (goal >= 3x)");
        }
        return goals;
    }

    public string Markdown()
    {
        var text = new StringBuilder()
            .AppendLine("# Gateway overhead: Moecraft vs Portkey vs direct")
            .AppendLine()
            .AppendLine(environment)
            .AppendLine()
            .Append(Table().ToMarkdown())
            .AppendLine()
            .AppendLine("Notes:")
            .AppendLine();
        foreach (var note in Notes()) text.AppendLine($"- {note}");
        if (Goals() is { Count: > 0 } goals) text.AppendLine().AppendJoin(Environment.NewLine, goals.Select(g => $"- {g}")).AppendLine();
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        environment,
        goals = Goals(),
        options = new
        {
            arms = options.Arms,
            streams = options.Streams.Select(s => s ? "stream" : "plain"),
            options.Requests,
            durationSeconds = options.Duration.TotalSeconds,
            options.Concurrency,
        },
        rows = results.Select(r => new
        {
            r.Arm,
            r.Mode,
            status = r.Status.ToString(),
            r.Detail,
            single = Figures(r.Single),
            loaded = Figures(r.Loaded),
            addedMs = r.Single is null || Direct(r)?.Single is not { } d ? null : new
            {
                p50 = Finite(r.Single.P50 - d.P50),
                p95 = Finite(r.Single.P95 - d.P95),
                p99 = Finite(r.Single.P99 - d.P99),
            },
        }),
    }, _json);

    public async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "gateway.md"), Markdown());
        await File.WriteAllTextAsync(Path.Combine(directory, "gateway.json"), Json());
    }

    private ArmResult? Direct(ArmResult row) =>
        results.FirstOrDefault(r => r.Arm == GatewayArms.Direct && r.Stream == row.Stream && r.Status == ArmStatus.Ok);

    private static object? Figures(LatencyFigures? f) => f is null ? null : new
    {
        f.Concurrency,
        f.Completed,
        f.Errors,
        f.WallSeconds,
        requestsPerSecond = f.RequestsPerSecond,
        p50Ms = Finite(f.P50),
        p95Ms = Finite(f.P95),
        p99Ms = Finite(f.P99),
        f.FirstError,
    };

    private static double? Added(double? arm, double? direct) => arm is { } a && direct is { } d ? a - d : null;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Ms(double? value, string format = "F3") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

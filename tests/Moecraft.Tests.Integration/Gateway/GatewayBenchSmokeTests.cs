using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Gateway;

/// <summary>
/// The gateway overhead benchmark (issue 11) as a user runs it, <c>benchmarks/Moecraft.Benchmarks -- gateway</c>, with the
/// direct arm only (no npm, no silo) and 50 requests per measurement: the zero-latency upstream answers plain and
/// streamed requests correctly, both rows are measured without errors, and the table, markdown and JSON come out.
/// </summary>
public sealed class GatewayBenchSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_direct_arm_prints_a_row_per_mode_and_writes_markdown_and_json()
    {
        using var output = new TempDirectory("moecraft-gateway");

        var run = await DotnetCommand.RunAsync(
            [RepositoryPaths.BenchmarksAssembly, "gateway", "--arms", "direct", "--requests", "50", "--concurrency", "8", "--warmup", "1", "--out", output.Path], Timeout);

        Assert.True(run.ExitCode == 0, $"gateway exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var header = Array.FindIndex(lines, l => l.StartsWith("arm ", StringComparison.Ordinal));
        Assert.True(header >= 0, $"No table in:\n{run.Output}");
        var columns = Split(lines[header]);
        Assert.Equal(["arm", "mode", "status", "c1 p50 ms", "c1 p95 ms", "c1 p99 ms", "added p50 ms", "added p95 ms", "added p99 ms", "c8 req/s", "c8 p50 ms", "c8 p99 ms", "errors"], columns);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.Trim().Length > 0).Select(l => columns.Zip(Split(l)).ToDictionary(c => c.First, c => c.Second)).ToList();

        Assert.Equal(["plain", "stream"], rows.Select(r => r["mode"]));
        Assert.All(rows, row =>
        {
            Assert.Equal("direct", row["arm"]);
            Assert.Equal("ok", row["status"]);
            Assert.Equal("0", row["errors"]);
            Assert.True(Number(row["c1 p50 ms"]) > 0, row["c1 p50 ms"]);
            Assert.True(Number(row["c1 p99 ms"]) >= Number(row["c1 p50 ms"]));
            Assert.Equal(0, Number(row["added p50 ms"]));
            Assert.True(Number(row["c8 req/s"]) > 0, row["c8 req/s"]);
        });
        Assert.Contains("direct stream: answer and usage ok", run.Output);

        Assert.Contains("| direct | stream |", await File.ReadAllTextAsync(Path.Combine(output.Path, "gateway.md")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "gateway.json")));
        var measured = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, measured.Count);
        Assert.All(measured, r => Assert.Equal(50, r.GetProperty("single").GetProperty("completed").GetInt32()));
    }

    [Fact]
    public async Task Bad_arguments_are_reported_with_the_usage()
    {
        var run = await DotnetCommand.RunAsync([RepositoryPaths.BenchmarksAssembly, "gateway", "--arms", "direct,litellm"], Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown arm 'litellm'", run.Error);
        Assert.Contains("gateway [--arms direct,portkey,moecraft-expert,moecraft-auto]", run.Error);
    }

    // Columns are separated by two or more spaces; headers hold single spaces ("c1 p50 ms").
    private static string[] Split(string line) => Regex.Split(line.Trim(), " {2,}");

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}

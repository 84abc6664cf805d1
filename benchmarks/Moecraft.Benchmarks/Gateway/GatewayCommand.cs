using System.Globalization;
using System.Runtime.InteropServices;
using Moecraft.Benchmarks.CommandLine;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// <c>gateway</c> (issue 11): what an OpenAI-compatible gateway adds over calling the model server directly. A
/// zero-latency upstream answers on loopback; each arm (direct, Portkey, a Moecraft silo with model = an expert id or
/// moecraft/auto) is checked for a correct answer, then measured at concurrency 1 (latency, and what it adds over
/// direct) and at high concurrency (throughput, tail), plain and streamed. One table; exit code 1 when an arm that was
/// there answered wrongly or failed requests (an arm that is not there, such as a silo without the API, is reported).
/// </summary>
internal static class GatewayCommand
{
    public const string Name = "gateway";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, exitCode) = OptionArgs.ParseOrExit(() => GatewayOptions.Parse(args), o => o.ShowHelp, GatewayOptions.Usage);
        if (options is null) return exitCode!.Value;

        var environment = $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; "
            + $"loopback, keep-alive HTTP/1.1; per measurement {options.Requests} requests or {Seconds(options.Duration)} s, after a warm-up of a fifth of that and {Seconds(options.WarmUp)} s per arm";
        Console.WriteLine($"Gateway overhead (issue 11): arms {string.Join(", ", options.Arms)}; {environment}");

        await using var upstream = await ZeroLatencyUpstream.StartAsync();
        Console.WriteLine($"zero-latency upstream at {upstream.BaseAddress}");

        var results = new List<ArmResult>();
        MoecraftSiloProcess? silo = null;
        string? siloProblem = null;
        try
        {
            foreach (var arm in options.Arms)
            {
                PortkeyGateway? portkey = null;
                try
                {
                    ArmTarget target;
                    switch (arm)
                    {
                        case GatewayArms.Direct:
                            target = ArmTarget.Plain(arm, upstream.BaseAddress, ZeroLatencyUpstream.Model);
                            break;
                        case GatewayArms.Portkey:
                            var (gateway, unavailable) = await PortkeyGateway.StartAsync(Path.Combine(options.Out, "node_modules-cache"));
                            if (gateway is null)
                            {
                                results.AddRange(Rows(options, arm, ArmStatus.NotAvailable, unavailable!));
                                continue;
                            }
                            portkey = gateway;
                            target = gateway.Target(upstream);
                            break;
                        default:
                            if (silo is null && siloProblem is null)
                            {
                                try
                                {
                                    silo = await MoecraftSiloProcess.StartAsync(options.Silo, upstream);
                                    Console.WriteLine($"silo at http://127.0.0.1:{silo.HttpPort}, expert '{MoecraftSiloProcess.ExpertId}' -> {upstream.BaseAddress}");
                                }
                                catch (Exception ex) when (ex is not OutOfMemoryException)
                                {
                                    siloProblem = $"the silo did not start: {ex.Message}";
                                }
                            }
                            if (silo is null)
                            {
                                results.AddRange(Rows(options, arm, ArmStatus.Failed, siloProblem!));
                                continue;
                            }
                            target = silo.Target(arm);
                            break;
                    }
                    using var load = new LoadGenerator(target);
                    var checks = new List<(bool Stream, AnswerCheck Check)>();
                    foreach (var stream in options.Streams) checks.Add((stream, await AnswerCheck.RunAsync(load, stream)));
                    await WarmUpAsync(load, [.. checks.Where(c => c.Check.Status == ArmStatus.Ok).Select(c => c.Stream)], options);
                    foreach (var (stream, check) in checks) results.Add(await MeasureAsync(load, stream, check, options));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // One arm that cannot be set up (npm offline, a crashed gateway) is reported; the others still run.
                    results.AddRange(Rows(options, arm, ArmStatus.Failed, ex.Message.ReplaceLineEndings(" ")));
                }
                finally
                {
                    if (portkey is not null) await portkey.DisposeAsync();
                }
            }
        }
        finally
        {
            if (silo is not null)
            {
                // Why the silo's arms failed is in its log, which goes with the process.
                if (results.Any(r => r.Arm.StartsWith("moecraft", StringComparison.Ordinal) && (r.Status == ArmStatus.Failed || r.Errors > 0)) && silo.Output.Length > 0)
                    Console.WriteLine($"silo log (last lines):\n{silo.Output}");
                await silo.DisposeAsync();
            }
        }

        var report = new GatewayReport(options, results, environment);
        Console.WriteLine();
        Console.WriteLine($"Gateway overhead (ms; added = the arm's percentile minus direct's at concurrency 1; c{options.Concurrency}: closed-loop workers)");
        Console.Write(report.Table().ToText());
        Console.WriteLine();
        foreach (var note in report.Notes()) Console.WriteLine($"  {note}");
        foreach (var goal in report.Goals()) Console.WriteLine(goal);
        await report.WriteAsync(options.Out);
        Console.WriteLine($"written: {Path.Combine(options.Out, "gateway.md")}, {Path.Combine(options.Out, "gateway.json")}");
        return results.Any(r => r.Status == ArmStatus.Failed || r.Errors > 0) ? 1 : 0;
    }

    /// <summary>
    /// Before an arm's first measurement: --warmup seconds of load at concurrency 8 over its working modes, unmeasured. A
    /// freshly started server (the silo's JIT tiers, caches and storage; node's JIT) is slow for its first seconds, and
    /// the arm measured first would otherwise pay for that.
    /// </summary>
    private static async Task WarmUpAsync(LoadGenerator load, IReadOnlyList<bool> streams, GatewayOptions options)
    {
        if (streams.Count == 0 || options.WarmUp <= TimeSpan.Zero) return;
        foreach (var stream in streams) await load.MeasureAsync(stream, 8, int.MaxValue, options.WarmUp / streams.Count);
    }

    private static async Task<ArmResult> MeasureAsync(LoadGenerator load, bool stream, AnswerCheck check, GatewayOptions options)
    {
        var arm = load.Target.Arm;
        var mode = stream ? "stream" : "plain";
        var detail = load.Target.Note is { } note ? $"{check.Detail}; {note}" : check.Detail;
        if (check.Status != ArmStatus.Ok)
        {
            Console.WriteLine($"{arm} {mode}: {check.Status}: {detail}");
            return new ArmResult(arm, stream, check.Status, detail, null, null);
        }

        var warmRequests = Math.Max(1, options.Requests / 5);
        var warmDuration = options.Duration / 5;
        await load.MeasureAsync(stream, 1, warmRequests, warmDuration);
        var single = await load.MeasureAsync(stream, 1, options.Requests, options.Duration);
        await load.MeasureAsync(stream, options.Concurrency, warmRequests, warmDuration);
        var loaded = await load.MeasureAsync(stream, options.Concurrency, options.Requests, options.Duration);
        Console.WriteLine(
            $"{arm} {mode}: {detail}; c1 {single.Completed} requests, p50 {Ms(single.P50)} ms; "
            + $"c{options.Concurrency} {loaded.Completed} requests, {loaded.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} req/s, p99 {Ms(loaded.P99)} ms"
            + (single.Errors + loaded.Errors > 0 ? $"; {single.Errors + loaded.Errors} errors" : ""));
        return new ArmResult(arm, stream, ArmStatus.Ok, detail, single, loaded);
    }

    private static IEnumerable<ArmResult> Rows(GatewayOptions options, string arm, ArmStatus status, string detail)
    {
        Console.WriteLine($"{arm}: {status}: {detail}");
        return options.Streams.Select(stream => new ArmResult(arm, stream, status, detail, null, null));
    }

    private static string Ms(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}

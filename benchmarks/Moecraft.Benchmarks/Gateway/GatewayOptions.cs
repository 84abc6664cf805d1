using Moecraft.Benchmarks.CommandLine;
using static Moecraft.Benchmarks.CommandLine.OptionArgs;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>The <c>gateway</c> command line: which arms, which modes, how many requests and how long per measurement.</summary>
internal sealed record GatewayOptions
{
    public const string Usage = """
        gateway [--arms direct,portkey,moecraft-expert,moecraft-auto] [--stream both|on|off] [--requests 200000]
                [--duration 10] [--concurrency 64] [--warmup 10] [--silo <Moecraft.Silo.dll>] [--out BenchmarkDotNet.Artifacts/gateway]
            starts a zero-latency OpenAI-compatible upstream on loopback and measures, per arm and mode (plain, stream),
            latency at concurrency 1 (p50/p95/p99 and what it adds over direct) and throughput and p99 at --concurrency.
            Arms: direct (the upstream itself), portkey (npm @portkey-ai/gateway@1.15.2 under node, cached in
            <out>/node_modules-cache), moecraft-expert (a Moecraft silo's /v1/chat/completions with model = the expert
            id) and moecraft-auto (model = moecraft/auto). Each measurement stops after --requests requests or
            --duration seconds, whichever comes first, after a warm-up of a fifth of that; each arm first gets --warmup
            seconds of unmeasured load (a fresh silo or node is slow for its first seconds). Loopback only.
        """;

    public IReadOnlyList<string> Arms { get; init; } = GatewayArms.All;

    public IReadOnlyList<bool> Streams { get; init; } = [false, true];

    /// <summary>
    /// Requests per measurement (one arm, one mode, one concurrency). High enough that --duration ends each measurement:
    /// 2,000 requests at concurrency 64 last under a second and measured the pass-through arm 30% below its rate over 10 s.
    /// </summary>
    public int Requests { get; init; } = 200_000;

    /// <summary>Wall-clock cap per measurement.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured load each arm gets before its first measurement.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The high concurrency; the latency measurement always runs at 1.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>The silo assembly; null: the repository's Release build (built when missing).</summary>
    public string? Silo { get; init; }

    public string Out { get; init; } = Path.Combine("BenchmarkDotNet.Artifacts", "gateway");

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option or arm, a missing value or a value out of range.</exception>
    public static GatewayOptions Parse(IReadOnlyList<string> args) =>
        OptionArgs.Parse(args, new GatewayOptions(), o => o with { ShowHelp = true }, (options, name, value) => name switch
        {
            "--arms" => options with { Arms = ParseArms(value) },
            "--stream" => options with { Streams = value switch
            {
                "both" => [false, true],
                "on" => [true],
                "off" => [false],
                _ => throw new ArgumentException($"Option --stream takes both, on or off, got '{value}'."),
            } },
            "--requests" => options with { Requests = Int(name, value, 1) },
            "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(name, value, 0.1, 3600)) },
            "--concurrency" => options with { Concurrency = Int(name, value, 2) is var c && c <= 1024 ? c : throw new ArgumentException($"Option --concurrency takes 2 to 1024, got '{value}'.") },
            "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Number(name, value, 0, 3600)) },
            "--silo" => options with { Silo = value },
            "--out" => options with { Out = value },
            _ => throw new ArgumentException($"Unknown option {name}."),
        });

    private static string[] ParseArms(string value)
    {
        var arms = List(value);
        if (arms.Length == 0) throw new ArgumentException("Option --arms needs at least one arm.");
        foreach (var arm in arms)
            if (!GatewayArms.All.Contains(arm)) throw new ArgumentException($"Unknown arm '{arm}'; arms are {string.Join(", ", GatewayArms.All)}.");
        // Measure in the canonical order (direct first: the others are compared with it).
        return [.. GatewayArms.All.Where(arms.Contains)];
    }
}

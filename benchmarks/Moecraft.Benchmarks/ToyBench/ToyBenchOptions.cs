using System.Globalization;
using Moecraft.Routing;
using Moecraft.Torch.Training.ToyBench;

using Moecraft.Benchmarks.CommandLine;
using static Moecraft.Benchmarks.CommandLine.OptionArgs;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>The toy bench's command line: which arms, faults and seeds to train, for how long, and where results go.</summary>
internal sealed record ToyBenchOptions
{
    public const string DefaultOutputDirectory = "BenchmarkDotNet.Artifacts/toybench";

    public const string Usage = """
        toybench [--steps 2000] [--seeds 1337,7] [--arms dense,none,switch,lossfree,moecraft]
                 [--faults clean,collapse,noise] [--validation-batches 40] [--out <dir>]
                 [--profile calibrated|spec] [--load-step <u>] [--coherence-step <eta>]
                 (Moecraft arm: calibrated = RouterSettings.CalibratedNeuralLayer, spec = the SPEC 3 defaults;
                  the step options override the profile's u and eta)
        toybench --merge <dir>,<dir>[,...] [--out <dir>]   (one report from runs made in separate processes)
        The dense arm runs clean only. Faults scale with --steps: collapse for the first 15%, noise from 25%.
        """;

    public int Steps { get; init; } = 2000;

    public IReadOnlyList<int> Seeds { get; init; } = [1337, 7];

    public IReadOnlyList<ToyBenchArm> Arms { get; init; } = ToyBenchNames.AllArms;

    public IReadOnlyList<ToyBenchFault> Faults { get; init; } = ToyBenchNames.AllFaults;

    public int ValidationBatches { get; init; } = 40;

    public string OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary>Result folders of earlier runs to merge into one report instead of training.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];

    public bool ShowHelp { get; init; }

    /// <summary>The Moecraft arm's router settings before the step overrides: calibrated (the default) or the SPEC defaults.</summary>
    public RouterSettings Profile { get; init; } = RouterSettings.CalibratedNeuralLayer;

    /// <summary>Overrides of the Moecraft arm's slow-bias steps <c>u</c> and <c>eta</c>, for calibration runs.</summary>
    public double? LoadStep { get; init; }

    public double? CoherenceStep { get; init; }

    public RouterSettings MoecraftSettings => Profile with
    {
        LoadStep = LoadStep ?? Profile.LoadStep,
        CoherenceStep = CoherenceStep ?? Profile.CoherenceStep,
    };

    /// <summary>MaxVio_batch and the late disagreement figures average this many final steps (BENCHMARKS 1: 200).</summary>
    public int LastStepsWindow => Math.Min(200, Steps);

    /// <summary>Every case to run, seed by seed, in the order the arms and faults were given; dense runs clean only.</summary>
    public IReadOnlyList<ToyBenchCase> Cases() =>
    [
        .. from seed in Seeds
           from arm in Arms
           from fault in Faults
           where arm != ToyBenchArm.Dense || fault == ToyBenchFault.Clean
           select new ToyBenchCase(arm, fault, seed),
    ];

    /// <exception cref="ArgumentException">An unknown option, a missing value or a value out of range.</exception>
    public static ToyBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = OptionArgs.Parse(args, new ToyBenchOptions(), o => o with { ShowHelp = true }, (options, name, value) => name switch
        {
            "--steps" => options with { Steps = Int(name, value, 1) },
            "--seeds" => options with { Seeds = [.. List(value).Select(s => Int(name, s))] },
            "--arms" => options with { Arms = [.. List(value).Select(ToyBenchNames.ParseArm).Distinct()] },
            "--faults" => options with { Faults = [.. List(value).Select(ToyBenchNames.ParseFault).Distinct()] },
            "--validation-batches" => options with { ValidationBatches = Int(name, value, 1) },
            "--out" => options with { OutputDirectory = value },
            "--merge" => options with { Merge = List(value) },
            "--load-step" => options with { LoadStep = Number(name, value, 0) },
            "--coherence-step" => options with { CoherenceStep = Number(name, value, 0) },
            "--profile" => options with { Profile = ParseProfile(value) },
            _ => throw new ArgumentException($"Unknown option {name}."),
        });

        if (options.Merge.Count == 0 && !options.ShowHelp && options.Cases().Count == 0)
            throw new ArgumentException("Nothing to run: the arms, faults and seeds given leave no case (dense runs clean only).");
        return options;
    }

    private static RouterSettings ParseProfile(string value) => value switch
    {
        "calibrated" => RouterSettings.CalibratedNeuralLayer,
        "spec" => ToyBenchCase.MoecraftRouterSettings,
        _ => throw new ArgumentException($"Option --profile takes calibrated or spec, got '{value}'."),
    };
}

using System.Globalization;
using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Torch.LlmGating;

using Moecraft.Benchmarks.CommandLine;
using static Moecraft.Benchmarks.CommandLine.OptionArgs;

namespace Moecraft.Benchmarks.Replay;

/// <summary>The replay harness's command line (BENCHMARKS 2): which data, how to train, what to sweep, where results go.</summary>
internal sealed record ReplayOptions
{
    public const string DefaultOutputDirectory = "BenchmarkDotNet.Artifacts/replay";

    public const string Usage = """
        replay [--items 2000] [--seed 7] [--seeds 3] [--test-share 0.3] [--heads 5] [--epochs 1] [--z 0] [--max-uncertainty 0.1]
               [--target-step 0.025] [--learning-rate 0.5] [--prior-scale 1] [--embedder hashing|silo] [--silo-config <appsettings.json>] [--out <dir>]
               [--gain-epochs 10] [--gain-learning-rate 0.5] [--gain-decay-steps 200] [--gain-l2 0.001] [--validation 0.25]
               [--answer-features all|no-statistics|no-embedding]
               [--knn-k 64] [--knn-temperature 0.05] [--knn-prior 1] [--knn-capacity 8192] [--batch-l2 0.01] [--batch-iterations 300]
            generates a seeded dataset with known structure (topic clusters, four experts with rising prices),
            writes it as <out>/dataset.jsonl and replays it.
        replay --data <file.jsonl> --prices <expert>=<in>:<out>,... [options above]
            replays a given dataset; prices are per million input and output tokens, one per expert in the data.
        The learned routers are trained and measured once per seed (--seed, --seed + 1, ...) and reported as mean and spread.
        --gain-* set the gain head (a direct prediction of the premium expert's gain over the cheap one, trained on the train
        items where both outcomes are recorded). --validation <share> replays on a slice of the train items (chosen by a hash
        of the item id) instead of the test split, trained on the rest: choose hyperparameters there, never on the test split.
        --answer-features sets what the answer-aware predictors read of the cheap answer beside the prompt: all (its embedding,
        its text statistics and its answer statistics), no-statistics (without the answer statistics: the input before them)
        or no-embedding (without the answer's embedding); the blanked block stays as zeros, so the widths do not change.
        --knn-* set the nearest-neighbour gain estimate (neighbours' recorded gains weighted by exp((cosine - 1) / T), shrunk
        toward the mean gain with prior weight m; k 0: every sample), --batch-* the batch-refit gain model (softmax on the
        standardised gate features, fitted to convergence). --knn-k, --knn-temperature, --knn-prior and --batch-l2 take
        comma-separated lists: one row per setting (for choosing them with --validation).
        --embedder silo embeds with the generator the silo would use (Moecraft:Embeddings from --silo-config and the environment).
        """;

    /// <summary>A dataset to read instead of generating one.</summary>
    public string? DataPath { get; init; }

    public IReadOnlyDictionary<string, ExpertPricing>? Prices { get; init; }

    public int Items { get; init; } = 2000;

    public int Seed { get; init; } = 7;

    /// <summary>How many seeds the learned and sampled routers run with (predictor seed and feedback order).</summary>
    public int Seeds { get; init; } = 3;

    public double TestShare { get; init; } = 0.3;

    public int Heads { get; init; } = 5;

    /// <summary>Passes over the train items (each pass feeds every recorded quality back once).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>The cheapest-acceptable policy's uncertainty penalty z (predicted success - z x sigma must reach the target).</summary>
    public double UncertaintyPenalty { get; init; }

    /// <summary>The cascade's confidence rule: a stage with more uncertainty than this escalates.</summary>
    public double MaxUncertainty { get; init; } = 0.1;

    public double TargetStep { get; init; } = 0.025;

    /// <summary>The predictors' hyperparameters (defaults: the router layer's); --learning-rate sets the schedule's first step.</summary>
    public SuccessPredictorOptions Predictor { get; init; } = new();

    /// <summary>The gain head's hyperparameters (defaults: the router layer's).</summary>
    public GainPredictorOptions Gain { get; init; } = new();

    /// <summary>Passes of the gain head over the train items' pairs of outcomes.</summary>
    public int GainEpochs { get; init; } = 10;

    /// <summary>When set: replay on this share of the train items (by a hash of the id), trained on the rest; the test split is not read.</summary>
    public double? ValidationShare { get; init; }

    /// <summary>The nearest-neighbour gain estimate's settings: one router row per combination of the lists.</summary>
    public IReadOnlyList<int> NeighbourCounts { get; init; } = [new NeighbourGainOptions().Neighbours];

    public IReadOnlyList<double> NeighbourTemperatures { get; init; } = [new NeighbourGainOptions().Temperature];

    public IReadOnlyList<double> NeighbourPriors { get; init; } = [new NeighbourGainOptions().PriorStrength];

    /// <summary>Samples the nearest-neighbour estimate and the batch model hold (oldest out); the default holds every train item here.</summary>
    public int MemoryCapacity { get; init; } = 8192;

    /// <summary>The batch-refit gain model's L2 strengths: one router row each.</summary>
    public IReadOnlyList<double> BatchL2 { get; init; } = [new BatchGainOptions().L2];

    public int BatchIterations { get; init; } = new BatchGainOptions().MaxIterations;

    /// <summary>Every combination of the nearest-neighbour lists.</summary>
    public IReadOnlyList<NeighbourGainOptions> NeighbourSettings =>
        [.. from k in NeighbourCounts from t in NeighbourTemperatures from m in NeighbourPriors
            select new NeighbourGainOptions { Neighbours = k, Temperature = t, PriorStrength = m }];

    public IReadOnlyList<BatchGainOptions> BatchSettings => [.. BatchL2.Select(l2 => new BatchGainOptions { L2 = l2, MaxIterations = BatchIterations })];

    public const string AnswerFeaturesAll = "all";
    public const string AnswerFeaturesWithoutStatistics = "no-statistics";
    public const string AnswerFeaturesWithoutEmbedding = "no-embedding";

    /// <summary>What the answer-aware predictors read of an answer: <see cref="AnswerFeaturesAll"/> or a block left out.</summary>
    public string AnswerFeatures { get; init; } = AnswerFeaturesAll;

    public string OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary><see cref="ReplayEmbedder.Hashing"/> or <see cref="ReplayEmbedder.Silo"/>.</summary>
    public string Embedder { get; init; } = ReplayEmbedder.Hashing;

    /// <summary>An appsettings file whose <c>Moecraft</c> section configures the silo's embedder (with <c>--embedder silo</c>).</summary>
    public string? SiloConfiguration { get; init; }

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option, a missing value or a value out of range.</exception>
    public static ReplayOptions Parse(IReadOnlyList<string> args)
    {
        var options = OptionArgs.Parse(args, new ReplayOptions(), o => o with { ShowHelp = true }, (options, name, value) => name switch
        {
            "--data" => options with { DataPath = value },
            "--prices" => options with { Prices = ParsePrices(value) },
            "--items" => options with { Items = Int(name, value, 20) },
            "--seed" => options with { Seed = Int(name, value) },
            "--seeds" => options with { Seeds = Int(name, value, 1) },
            "--embedder" => value is ReplayEmbedder.Hashing or ReplayEmbedder.Silo
                ? options with { Embedder = value }
                : throw new ArgumentException($"Option --embedder takes {ReplayEmbedder.Hashing} or {ReplayEmbedder.Silo}, got '{value}'."),
            "--silo-config" => options with { SiloConfiguration = value },
            "--test-share" => options with { TestShare = Number(name, value, 0.05, 0.95) },
            "--heads" => options with { Heads = Int(name, value, 1) },
            "--epochs" => options with { Epochs = Int(name, value, 1) },
            "--z" => options with { UncertaintyPenalty = Number(name, value, 0, 10) },
            "--max-uncertainty" => options with { MaxUncertainty = Number(name, value, 0, 1) },
            "--target-step" => options with { TargetStep = Number(name, value, 0.001, 0.5) },
            "--learning-rate" => options with { Predictor = options.Predictor with { LearningRate = Number(name, value, 1e-4, 10) } },
            "--prior-scale" => options with { Predictor = options.Predictor with { PriorWeightScale = Number(name, value, 0, 10) } },
            "--gain-epochs" => options with { GainEpochs = Int(name, value, 1) },
            "--gain-learning-rate" => options with { Gain = options.Gain with { LearningRate = Number(name, value, 1e-4, 10) } },
            "--gain-decay-steps" => options with { Gain = options.Gain with { LearningRateDecaySteps = Number(name, value, 1, 1e7) } },
            "--gain-l2" => options with { Gain = options.Gain with { L2 = Number(name, value, 0, 0.5) } },
            "--validation" => options with { ValidationShare = Number(name, value, 0.05, 0.5) },
            "--answer-features" => value is AnswerFeaturesAll or AnswerFeaturesWithoutStatistics or AnswerFeaturesWithoutEmbedding
                ? options with { AnswerFeatures = value }
                : throw new ArgumentException($"Option --answer-features takes {AnswerFeaturesAll}, {AnswerFeaturesWithoutStatistics} or {AnswerFeaturesWithoutEmbedding}, got '{value}'."),
            "--knn-k" => options with { NeighbourCounts = List(name, value, v => Int(name, v, 0)) },
            "--knn-temperature" => options with { NeighbourTemperatures = List(name, value, v => Number(name, v, 1e-4, 100)) },
            "--knn-prior" => options with { NeighbourPriors = List(name, value, v => Number(name, v, 0, 1e6)) },
            "--knn-capacity" => options with { MemoryCapacity = Int(name, value, 1) },
            "--batch-l2" => options with { BatchL2 = List(name, value, v => Number(name, v, 0, 100)) },
            "--batch-iterations" => options with { BatchIterations = Int(name, value, 1) },
            "--out" => options with { OutputDirectory = value },
            _ => throw new ArgumentException($"Unknown option {name}."),
        });
        if (options.DataPath is not null && options.Prices is null)
            throw new ArgumentException("--data needs --prices <expert>=<in>:<out>,... (the JSONL format records tokens, not prices).");
        return options;
    }

    /// <exception cref="ArgumentException">An empty list or an entry out of range.</exception>
    private static T[] List<T>(string name, string value, Func<string, T> parse)
    {
        var entries = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return entries.Length > 0 ? [.. entries.Select(parse)] : throw new ArgumentException($"Option {name} needs at least one value.");
    }

    private static Dictionary<string, ExpertPricing> ParsePrices(string value)
    {
        var prices = new Dictionary<string, ExpertPricing>(StringComparer.Ordinal);
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', ':');
            if (parts.Length != 3
                || !decimal.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var input) || input < 0
                || !decimal.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var output) || output < 0)
                throw new ArgumentException($"--prices entry '{entry}' must be <expert>=<input per million>:<output per million>, non-negative.");
            if (!prices.TryAdd(parts[0], new ExpertPricing(input, output))) throw new ArgumentException($"--prices names '{parts[0]}' twice.");
        }
        return prices;
    }
}

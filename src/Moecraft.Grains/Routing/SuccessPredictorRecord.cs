using Moecraft.Torch.LlmGating;

namespace Moecraft.Routing;

/// <summary>The persisted form of <see cref="SuccessPredictorState"/>. Ids are a persisted contract.</summary>
[GenerateSerializer, Alias("moecraft.SuccessPredictorRecord")]
public sealed class SuccessPredictorRecord
{
    [Id(0)] public int Dimension { get; set; }
    [Id(1)] public int Heads { get; set; }
    [Id(2)] public ulong Seed { get; set; }
    [Id(3)] public string[] Experts { get; set; } = [];
    [Id(4)] public float[] Weights { get; set; } = [];
    [Id(5)] public float[] Bias { get; set; } = [];
    [Id(6)] public float[] PriorWeights { get; set; } = [];
    [Id(7)] public float[] PriorBias { get; set; } = [];
    [Id(8)] public ulong RandomState { get; set; }
    [Id(9)] public long Observations { get; set; }

    /// <summary>Prompt statistics after the embedding in each input; 0 in a record from before issue 14 (the embedding alone).</summary>
    [Id(10)] public int StatisticsWidth { get; set; }

    /// <summary>Per expert the Platt scaling (a, b) of the heads' mean; null in a record from before issue 14 (the identity).</summary>
    [Id(11)] public float[]? Calibration { get; set; }

    public static SuccessPredictorRecord From(SuccessPredictorState state) => new()
    {
        Dimension = state.Dimension,
        Heads = state.Heads,
        Seed = state.Seed,
        Experts = state.Experts,
        Weights = state.Weights,
        Bias = state.Bias,
        PriorWeights = state.PriorWeights,
        PriorBias = state.PriorBias,
        RandomState = state.RandomState,
        Observations = state.Observations,
        StatisticsWidth = state.StatisticsWidth,
        Calibration = state.Calibration,
    };

    public SuccessPredictorState ToState() =>
        new(Dimension, Heads, Seed, Experts, Weights, Bias, PriorWeights, PriorBias, RandomState, Observations, StatisticsWidth, Calibration);
}

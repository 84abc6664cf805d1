using Moecraft.Gating;

namespace Moecraft.Routing;

/// <summary>The persisted form of <see cref="GainPredictorState"/> (the gain head, issue 14). Ids are a persisted contract.</summary>
[GenerateSerializer, Alias("moecraft.GainPredictorRecord")]
public sealed class GainPredictorRecord
{
    [Id(0)] public int Dimension { get; set; }
    [Id(1)] public GainPairRecord[] Pairs { get; set; } = [];

    public static GainPredictorRecord From(GainPredictorState state) => new()
    {
        Dimension = state.Dimension,
        Pairs = [.. state.Pairs.Select(p => new GainPairRecord { First = p.First, Second = p.Second, Weights = p.Weights, Bias = p.Bias, Samples = p.Samples })],
    };

    public GainPredictorState ToState() => new(Dimension, [.. Pairs.Select(p => new GainPairState(p.First, p.Second, p.Weights, p.Bias, p.Samples))]);
}

/// <summary>The persisted form of <see cref="GainPairState"/>: one pair's head. Ids are a persisted contract.</summary>
[GenerateSerializer, Alias("moecraft.GainPairRecord")]
public sealed class GainPairRecord
{
    [Id(0)] public string First { get; set; } = "";
    [Id(1)] public string Second { get; set; } = "";
    [Id(2)] public float[] Weights { get; set; } = [];
    [Id(3)] public float[] Bias { get; set; } = [];
    [Id(4)] public long Samples { get; set; }
}

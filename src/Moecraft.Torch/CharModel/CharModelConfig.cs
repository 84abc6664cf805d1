namespace Moecraft.Torch.CharModel;

/// <summary>Shape of a <see cref="CharMoeModel"/>. The defaults are the toy bench's model T0 (BENCHMARKS 1).</summary>
public sealed record CharModelConfig
{
    public int VocabularySize { get; init; } = 65;

    public int Dimension { get; init; } = 128;

    public int Heads { get; init; } = 4;

    public int Context { get; init; } = 64;

    public int Layers { get; init; } = 2;

    public FeedForwardKind FeedForward { get; init; } = FeedForwardKind.MixtureOfExperts;

    public int Experts { get; init; } = 8;

    public int TopK { get; init; } = 2;

    /// <summary>T0 with MoE FFNs: about 1.21M parameters, 0.42M active.</summary>
    public static CharModelConfig T0 { get; } = new();

    /// <summary>T0 with one dense 4d FFN per block: about 0.42M parameters.</summary>
    public static CharModelConfig T0Dense { get; } = new() { FeedForward = FeedForwardKind.Dense };
}

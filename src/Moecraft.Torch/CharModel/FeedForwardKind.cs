namespace Moecraft.Torch.CharModel;

/// <summary>Which FFN each transformer block uses: the bench's MoE arms or its dense baseline.</summary>
public enum FeedForwardKind
{
    /// <summary>A <see cref="Moe.MoeFeedForward"/>: E experts of width 2d, top-k.</summary>
    MixtureOfExperts,

    /// <summary>One <c>d -> 4d -> d</c> FFN, about the active size of the MoE.</summary>
    Dense,
}

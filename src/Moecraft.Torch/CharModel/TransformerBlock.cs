using Moecraft.Torch.Moe;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.CharModel;

/// <summary>A pre-LayerNorm transformer block: <c>x + attn(ln1(x))</c>, then <c>x + ffn(ln2(x))</c>, the FFN MoE or dense.</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm _attentionNorm;
    private readonly CausalSelfAttention _attention;
    private readonly LayerNorm _feedForwardNorm;
    private readonly nn.Module<Tensor, Tensor> _feedForward;

    public TransformerBlock(CharModelConfig config) : base(nameof(TransformerBlock))
    {
        ArgumentNullException.ThrowIfNull(config);
        _attentionNorm = nn.LayerNorm(config.Dimension);
        _attention = new CausalSelfAttention(config.Dimension, config.Heads);
        _feedForwardNorm = nn.LayerNorm(config.Dimension);
        _feedForward = config.FeedForward == FeedForwardKind.MixtureOfExperts
            ? new MoeFeedForward(config.Dimension, config.Experts, config.TopK)
            : new GeluFeedForward(config.Dimension, 4 * config.Dimension);
        RegisterComponents();
    }

    /// <summary>This block's MoE FFN, or null for a dense block.</summary>
    public MoeFeedForward? Moe => _feedForward as MoeFeedForward;

    public override Tensor forward(Tensor input)
    {
        var x = input.add(_attention.forward(_attentionNorm.forward(input)), LongLivedScalars.One);
        return x.add(_feedForward.forward(_feedForwardNorm.forward(x)), LongLivedScalars.One);
    }
}

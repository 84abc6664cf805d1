using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.CharModel;

/// <summary>Multi-head causal self-attention: one fused q/k/v projection, scaled dot-product attention, output projection.</summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear _queryKeyValue;
    private readonly Linear _output;
    private readonly int _heads;

    public CausalSelfAttention(int dimension, int heads) : base(nameof(CausalSelfAttention))
    {
        if (dimension % heads != 0)
            throw new ArgumentException($"Width {dimension} does not split into {heads} heads.", nameof(heads));
        _heads = heads;
        _queryKeyValue = nn.Linear(dimension, 3 * dimension);
        _output = nn.Linear(dimension, dimension);
        RegisterComponents();
    }

    /// <param name="input"><c>[B, L, d]</c>.</param>
    public override Tensor forward(Tensor input)
    {
        var (batch, length, dimension) = (input.shape[0], input.shape[1], input.shape[2]);
        var headWidth = dimension / _heads;

        // [B, L, 3, H, hd] -> [3, B, H, L, hd]
        var qkv = _queryKeyValue.forward(input).view(batch, length, 3, _heads, headWidth).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], is_casual: true);
        return _output.forward(attended.transpose(1, 2).reshape(batch, length, dimension));
    }
}

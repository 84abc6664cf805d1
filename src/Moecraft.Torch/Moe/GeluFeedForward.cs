using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.Moe;

/// <summary>
/// <c>Linear(d -> h)</c>, GELU, <c>Linear(h -> d)</c>: one MoE expert (h = 2d) or the dense baseline's FFN (h = 4d).
/// </summary>
public sealed class GeluFeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear _up;
    private readonly Linear _down;

    public GeluFeedForward(int dimension, int hidden) : base(nameof(GeluFeedForward))
    {
        _up = nn.Linear(dimension, hidden);
        _down = nn.Linear(hidden, dimension);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _down.forward(nn.functional.gelu(_up.forward(input)));

    /// <summary>Weights and biases of both layers: <c>2 d h + h + d</c>.</summary>
    public static long ParameterCount(int dimension, int hidden) => 2L * dimension * hidden + hidden + dimension;
}

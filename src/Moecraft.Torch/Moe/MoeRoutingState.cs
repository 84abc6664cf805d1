using static TorchSharp.torch;

namespace Moecraft.Torch.Moe;

/// <summary>
/// What one forward pass of a <see cref="MoeFeedForward"/> routed, kept for the trace reducer. The tensors belong to the
/// dispose scope that was current during the forward pass and are only valid until it ends: reduce them inside that scope.
/// Shapes use <c>T</c> tokens, <c>k</c> selected experts per token, <c>E</c> experts and width <c>d</c>.
/// </summary>
public sealed class MoeRoutingState
{
    public required int Units { get; init; }

    public required int TopK { get; init; }

    public required int ExpertCount { get; init; }

    public required int Dimension { get; init; }

    /// <summary>Layer input <c>x_t</c>, <c>[T, d]</c>.</summary>
    public required Tensor Input { get; init; }

    /// <summary><c>z_clean = W x + b</c> (plus any fault offset: the fault models a router gone wrong), <c>[T, E]</c>.</summary>
    public required Tensor CleanLogits { get; init; }

    /// <summary>The selection bias <c>beta</c> that was added to <c>z_clean</c> for top-k, or null when none was.</summary>
    public required float[]? SelectionBias { get; init; }

    /// <summary>Selected experts per token, best first by <c>z_clean + beta</c>, <c>[T, k]</c> (int64).</summary>
    public required Tensor Selected { get; init; }

    /// <summary><c>softmax(z_clean)</c> renormalised over each token's selected set, <c>[T, k]</c>.</summary>
    public required Tensor Gates { get; init; }

    /// <summary>The grouping of slots by expert, including the counts <c>n_e</c>.</summary>
    public required ExpertDispatchPlan Plan { get; init; }

    /// <summary>Token of each slot in expert order, <c>[T k]</c> (int64).</summary>
    public required Tensor SlotTokens { get; init; }

    /// <summary>Gate <c>g_{t,e}</c> of each slot in expert order, <c>[T k]</c>.</summary>
    public required Tensor SlotGates { get; init; }

    /// <summary>Expert output <c>y_{t,e}</c> of each slot in expert order, <c>[T k, d]</c>.</summary>
    public required Tensor ExpertOutputs { get; init; }

    /// <summary>Gate-weighted expert output <c>g_{t,e} y_{t,e}</c> of each slot in expert order, <c>[T k, d]</c>.</summary>
    public required Tensor WeightedOutputs { get; init; }

    /// <summary>Mixture <c>y_t = sum_e g_{t,e} y_{t,e}</c>, <c>[T, d]</c>.</summary>
    public required Tensor Mixture { get; init; }

    public long[] Counts => Plan.Counts;
}

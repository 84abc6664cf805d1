using Moecraft.Torch.Moe;
using static TorchSharp.torch;

namespace Moecraft.Tests.Moe;

public sealed class MoeFeedForwardTests
{
    private const int Dimension = 16;
    private const int Experts = 6;
    private const int TopK = 2;

    [Fact]
    public void Sort_by_expert_dispatch_equals_compute_all_and_mask()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(3, 10, Dimension);

        var dispatched = layer.forward(x);
        var reference = ComputeAllAndMask(layer, x.reshape(-1, Dimension), bias: null).reshape(3, 10, Dimension);

        Assert.Equal(x.shape, dispatched.shape);
        Assert.True(dispatched.sub(reference).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Dispatch_matches_the_reference_under_a_selection_bias()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK) { SelectionBias = [0.5f, 0, -0.5f, 1f, 0, 0] };
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(40, Dimension);

        var dispatched = layer.forward(x);
        var reference = ComputeAllAndMask(layer, x, layer.SelectionBias);

        Assert.True(dispatched.sub(reference).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Bias_changes_the_selection_but_gates_stay_renormalised_clean_softmax()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(64, Dimension);

        layer.forward(x);
        var unbiased = layer.LastRouting!;
        var cleanBefore = unbiased.CleanLogits.data<float>().ToArray();
        var selectedBefore = unbiased.Selected.data<long>().ToArray();

        layer.SelectionBias = [0, 0, 0, 10f, 0, 0];
        layer.forward(x);
        var biased = layer.LastRouting!;
        var clean = biased.CleanLogits.data<float>().ToArray();
        var selected = biased.Selected.data<long>().ToArray();
        var gates = biased.Gates.data<float>().ToArray();

        Assert.Equal(cleanBefore, clean);                  // the bias never touches z_clean
        Assert.NotEqual(selectedBefore, selected);         // ... but it moves the selection
        for (var t = 0; t < 64; t++)
        {
            var row = clean.AsSpan(t * Experts, Experts);
            Assert.Contains(3L, selected.AsSpan(t * TopK, TopK).ToArray());
            var probabilities = Softmax(row);
            var selectedMass = probabilities[selected[t * TopK]] + probabilities[selected[t * TopK + 1]];
            for (var j = 0; j < TopK; j++)
                Assert.Equal(probabilities[selected[t * TopK + j]] / selectedMass, gates[t * TopK + j], 1e-5);
        }
    }

    [Fact]
    public void Logit_offset_fault_pulls_tokens_to_the_offset_experts()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK) { LogitOffset = [40f, 40f, 0, 0, 0, 0] };
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        layer.forward(randn(50, Dimension));

        Assert.Equal([50L, 50, 0, 0, 0, 0], layer.LastRouting!.Counts);
    }

    [Fact]
    public void Noise_expert_output_is_replaced()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK) { LogitOffset = [40f, 40f, 0, 0, 0, 0], NoiseExpert = 1, NoiseScale = 3f };
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(200, Dimension);

        layer.forward(x);
        var routing = layer.LastRouting!;
        var noiseRows = routing.ExpertOutputs.narrow(0, 200, 200);   // expert 1's block follows expert 0's 200 slots
        var expertRows = layer.Expert(1).forward(x);

        Assert.True(noiseRows.sub(expertRows).abs().max().item<float>() > 1f);
        Assert.InRange(noiseRows.std().item<float>(), 2.7f, 3.3f);
    }

    [Fact]
    public void Switch_auxiliary_loss_follows_its_formula()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK) { AuxiliaryLossWeight = 0.01 };
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        layer.forward(randn(30, Dimension));
        var routing = layer.LastRouting!;
        var meanProbability = routing.CleanLogits.softmax(1).mean([0]).data<float>().ToArray();
        var expected = 0.01 * Experts * Enumerable.Range(0, Experts).Sum(e => routing.Counts[e] / 60.0 * meanProbability[e]);

        Assert.Equal(expected, layer.LastAuxiliaryLoss!.item<float>(), 1e-6);
    }

    [Fact]
    public void Wrong_bias_width_is_rejected()
    {
        using var layer = new MoeFeedForward(Dimension, Experts, TopK);

        Assert.Throws<ArgumentException>(() => layer.SelectionBias = [1f, 2f]);
    }

    /// <summary>The naive reference: every expert on every token, outputs weighted by a dense gate matrix that is zero off the selected set.</summary>
    private static Tensor ComputeAllAndMask(MoeFeedForward layer, Tensor x, float[]? bias)
    {
        var clean = layer.Router.forward(x);
        var selection = bias is null ? clean : clean.add(tensor(bias));
        var selected = selection.topk(layer.TopK, dim: 1).indexes;
        var probabilities = clean.softmax(1);
        var mask = zeros_like(probabilities).scatter_(1, selected, ones_like(probabilities));
        var weights = probabilities.mul(mask);
        weights = weights.div(weights.sum(1, keepdim: true));
        var all = stack(Enumerable.Range(0, layer.ExpertCount).Select(e => layer.Expert(e).forward(x)).ToArray(), 1);   // [T, E, d]
        return all.mul(weights.unsqueeze(2)).sum(1);
    }

    private static double[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var exps = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++) exps[i] = Math.Exp(logits[i] - max);
        var sum = exps.Sum();
        return exps.Select(v => v / sum).ToArray();
    }
}

using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

public sealed class TopKGateTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Top2_selects_the_two_largest_and_renormalises_gates_over_them()
    {
        // z = [1, 3, 2, -inf]: S = {1, 2}; g = softmax([3, 2]) = [e / (e + 1), 1 / (e + 1)] = [0.7310586, 0.2689414].
        var selection = TopKGate.Select([1f, 3f, 2f, float.NegativeInfinity], k: 2, temperature: 1.0);

        Assert.Equal([1, 2], selection.Slots);
        Assert.Equal(0.7310586, selection.Gates[0], Tolerance);
        Assert.Equal(0.2689414, selection.Gates[1], Tolerance);
        Assert.Equal([3.0, 2.0], selection.Logits);
    }

    [Fact]
    public void Temperature_flattens_the_gates()
    {
        // T = 2: softmax([3, 2] / 2) = softmax([1.5, 1]) = [0.6224593, 0.3775407].
        var selection = TopKGate.Select([1f, 3f, 2f], k: 2, temperature: 2.0);

        Assert.Equal(0.6224593, selection.Gates[0], Tolerance);
        Assert.Equal(0.3775407, selection.Gates[1], Tolerance);
    }

    [Fact]
    public void Top1_gate_is_one_and_masked_slots_are_never_chosen()
    {
        var selection = TopKGate.Select([float.NegativeInfinity, -5f, float.NegativeInfinity], k: 1, temperature: 1.0);

        Assert.Equal([1], selection.Slots);
        Assert.Equal(1.0, selection.Gates[0], Tolerance);
    }

    [Fact]
    public void Ties_go_to_the_lowest_slot()
    {
        var selection = TopKGate.Select([0.5f, 2f, 2f, 2f], k: 2, temperature: 1.0);

        Assert.Equal([1, 2], selection.Slots);
        Assert.Equal(0.5, selection.Gates[0], Tolerance);
    }

    [Fact]
    public void Too_few_active_slots_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => TopKGate.Select([1f, float.NegativeInfinity], k: 2, temperature: 1.0));
        Assert.Contains("only 1 slots are active", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Temperature_must_be_positive(double temperature) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TopKGate.Select([1f, 2f], k: 1, temperature));

    [Fact]
    public void NaN_logits_are_rejected() =>
        Assert.Throws<ArgumentException>(() => TopKGate.Select([1f, float.NaN], k: 1, temperature: 1.0));

    [Fact]
    public void Softmax_matches_hand_computed_values()
    {
        // softmax([0, ln 2, ln 3]) = [1, 2, 3] / 6.
        var p = Softmax.Of([0.0, Math.Log(2), Math.Log(3)]);

        Assert.Equal(1.0 / 6, p[0], Tolerance);
        Assert.Equal(2.0 / 6, p[1], Tolerance);
        Assert.Equal(3.0 / 6, p[2], Tolerance);
    }

    [Fact]
    public void Softmax_is_stable_for_large_logits()
    {
        var p = Softmax.Of([1000.0, 1000.0]);

        Assert.Equal(0.5, p[0], Tolerance);
        Assert.Equal(0.5, p[1], Tolerance);
    }

    [Fact]
    public void Initial_weights_are_seeded_and_scaled_by_one_over_root_d()
    {
        var a = GatingWeights.InitialWeights(8, 512, seed: 42);
        var b = GatingWeights.InitialWeights(8, 512, seed: 42);
        var c = GatingWeights.InitialWeights(8, 512, seed: 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var variance = a.Select(w => (double)w * w).Average();
        Assert.InRange(variance, 0.8 / 512, 1.2 / 512);
    }
}

using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class BiasedGateTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void The_bias_selects_but_the_clean_logits_weigh()
    {
        // z_clean = [1, 3, 2, -inf], beta = [2.5, 0, 0, 0] -> z_biased = [3.5, 3, 2, -inf].
        // S_biased = {0, 1} (best first), S_clean = {1, 2}. Gates = softmax([1, 3]) = [0.1192029, 0.8807971].
        var selection = BiasedGate.Select([1f, 3f, 2f, float.NegativeInfinity], [2.5, 0, 0, 0], k: 2, temperature: 1.0);

        Assert.Equal([0, 1], selection.Slots);
        Assert.Equal([0, 1], selection.BiasedSlots);
        Assert.Equal([1, 2], selection.CleanSlots);
        Assert.Equal(0.1192029, selection.Gates[0], Tolerance);
        Assert.Equal(0.8807971, selection.Gates[1], Tolerance);
    }

    [Fact]
    public void Gates_are_p_clean_renormalised_over_the_selected_set()
    {
        // p_clean = softmax([1, 3, 2] / 2); over S = {0, 1}: g_e = p_e / (p_0 + p_1).
        float[] logits = [1f, 3f, 2f];
        var selection = BiasedGate.Select(logits, [2.5, 0, 0], k: 2, temperature: 2.0);

        var p = Moecraft.Gating.Softmax.Of([1.0, 3.0, 2.0], 2.0);
        Assert.Equal(p[0] / (p[0] + p[1]), selection.Gates[0], 1e-12);
        Assert.Equal(p[1] / (p[0] + p[1]), selection.Gates[1], 1e-12);
    }

    [Fact]
    public void Without_bias_both_sets_agree()
    {
        var selection = BiasedGate.Select([1f, 3f, 2f], [0.0, 0, 0], k: 2, temperature: 1.0);

        Assert.Equal(selection.CleanSlots, selection.Slots);
        Assert.Equal(0.7310586, selection.Gates[0], Tolerance);
    }

    [Fact]
    public void Scale_free_form_uses_beta_equal_r_k_s()
    {
        // k_0 = 1.25, r = 1, s = 2 -> beta_0 = 2.5: the same routing as the first test.
        var selection = BiasedGate.Select([1f, 3f, 2f, float.NegativeInfinity], coefficients: [1.25, 0, 0, 9], relevance: 1.0, logitScale: 2.0, k: 2, temperature: 1.0);

        Assert.Equal([0, 1], selection.Slots);
        Assert.Equal([1, 2], selection.CleanSlots);
    }

    [Fact]
    public void A_masked_slot_stays_masked_whatever_its_bias()
    {
        var selection = BiasedGate.Select([1f, float.NegativeInfinity, 2f], [0, 1000, 0], k: 1, temperature: 1.0);

        Assert.Equal([2], selection.Slots);
    }

    [Fact]
    public void Bad_bias_is_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => BiasedGate.Select([1f, 2f], [0.0], k: 1, temperature: 1.0));
        Assert.Throws<ArgumentException>(() => BiasedGate.Select([1f, 2f], [0.0, double.NaN], k: 1, temperature: 1.0));
    }
}

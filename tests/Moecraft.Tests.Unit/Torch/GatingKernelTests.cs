using Moecraft.Torch;

namespace Moecraft.Tests.Torch;

/// <summary>Runs TorchSharp in the test process: if the native-library fix regresses, these fail to load.</summary>
public sealed class GatingKernelTests
{
    // W = [[1, 0], [0, 1], [1, 1]], b = [0, 0.5, -1]; x = [2, 3] gives z = W x + b = [2, 3.5, 4].
    private static readonly float[] Weights = [1, 0, 0, 1, 1, 1];
    private static readonly float[] Bias = [0, 0.5f, -1];

    [Fact]
    public void Logits_are_W_x_plus_b()
    {
        using var kernel = new GatingKernel(Weights, Bias, [true, true, true], width: 3, inputDimension: 2);

        Assert.Equal([2f, 3.5f, 4f], kernel.Logits([2f, 3f]));
    }

    [Fact]
    public void Inactive_slots_are_masked_to_negative_infinity()
    {
        using var kernel = new GatingKernel(Weights, Bias, [true, true, false], width: 3, inputDimension: 2);

        var z = kernel.Logits([2f, 3f]);

        Assert.Equal([2f, 3.5f, float.NegativeInfinity], z);
    }

    [Fact]
    public void Batch_logits_match_row_by_row()
    {
        using var kernel = new GatingKernel(Weights, Bias, [true, false, true], width: 3, inputDimension: 2);

        // Rows x1 = [2, 3] and x2 = [-1, 4]: z2 = [-1, -inf, 2].
        var z = kernel.Logits([2f, 3f, -1f, 4f], units: 2);

        Assert.Equal([2f, float.NegativeInfinity, 4f, -1f, float.NegativeInfinity, 2f], z);
    }

    [Fact]
    public void Wrong_input_width_is_rejected()
    {
        using var kernel = new GatingKernel(Weights, Bias, [true, true, true], width: 3, inputDimension: 2);

        var error = Assert.Throws<ArgumentException>(() => kernel.Logits([1f, 2f, 3f]));
        Assert.Contains("takes 2", error.Message);
    }
}

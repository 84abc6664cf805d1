using TorchSharp;
using static TorchSharp.torch;

namespace Moecraft.Torch;

/// <summary>
/// Computes router logits <c>z = W x + b</c> with TorchSharp, inactive slots masked to negative infinity.
/// Holds the weights as tensors between calls so that a route does not copy <c>E x d</c> floats each time;
/// the persistent copy stays in grain state as arrays (rebuild the kernel when they change).
/// </summary>
public sealed class GatingKernel : IDisposable
{
    private readonly Tensor _weights;   // [E, d]
    private readonly Tensor _bias;      // [E]
    private readonly Tensor _inactive;  // [E] bool, true where the slot is masked out

    // Held for the kernel's lifetime: a Scalar created inline for a native call can be collected by the GC while the
    // call still uses it (seen as "Expected false to be true ... toFloat" under memory pressure).
    private readonly Scalar _one = 1.0f;
    private readonly Scalar _negativeInfinity = float.NegativeInfinity;

    public GatingKernel(float[] weights, float[] bias, bool[] active, int width, int inputDimension)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(active);
        if (weights.Length != width * inputDimension)
            throw new ArgumentException($"Weights hold {weights.Length} values; expected {width} x {inputDimension}.", nameof(weights));
        if (bias.Length != width) throw new ArgumentException($"Bias holds {bias.Length} values; expected {width}.", nameof(bias));
        if (active.Length != width) throw new ArgumentException($"Mask holds {active.Length} values; expected {width}.", nameof(active));

        Width = width;
        InputDimension = inputDimension;
        _weights = tensor(weights, [width, inputDimension]);
        _bias = tensor(bias, [width]);
        _inactive = tensor(active).logical_not();
    }

    public int Width { get; }

    public int InputDimension { get; }

    /// <summary>Logits for one input vector of width d.</summary>
    public float[] Logits(ReadOnlySpan<float> input)
    {
        if (input.Length != InputDimension)
            throw new ArgumentException($"Input has {input.Length} values; this router takes {InputDimension}.", nameof(input));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(input.ToArray(), [InputDimension]);
        var z = _weights.mv(x).add_(_bias, _one).masked_fill_(_inactive, _negativeInfinity);
        return z.data<float>().ToArray();
    }

    /// <summary>Logits for a batch of <c>T</c> inputs laid out row-major <c>[T, d]</c>; returns <c>[T, E]</c> row-major.</summary>
    public float[] Logits(float[] batch, int units)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Length != units * InputDimension)
            throw new ArgumentException($"Batch holds {batch.Length} values; expected {units} x {InputDimension}.", nameof(batch));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(batch, [units, InputDimension]);
        var z = x.matmul(_weights.t()).add_(_bias, _one).masked_fill_(_inactive, _negativeInfinity);
        return z.data<float>().ToArray();
    }

    public void Dispose()
    {
        _weights.Dispose();
        _bias.Dispose();
        _inactive.Dispose();
        _one.Dispose();
        _negativeInfinity.Dispose();
    }
}

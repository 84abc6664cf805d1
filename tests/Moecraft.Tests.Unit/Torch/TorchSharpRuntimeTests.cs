using static TorchSharp.torch;

namespace Moecraft.Tests.Torch;

/// <summary>Real TorchSharp operations on known values, in the test process.</summary>
public sealed class TorchSharpRuntimeTests
{
    [Fact]
    public void Cosine_similarity_of_known_vectors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 0, 0 });
        var b = tensor(new float[] { 1, 1, 0 });

        var cosine = nn.functional.cosine_similarity(a, b, dim: 0).item<float>();

        Assert.Equal(1 / MathF.Sqrt(2), cosine, 1e-6f);
    }

    [Fact]
    public void Matmul_of_known_matrices()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var b = tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);

        var product = a.matmul(b).data<float>().ToArray();

        Assert.Equal([19f, 22f, 43f, 50f], product);
    }
}

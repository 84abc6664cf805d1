using Moecraft.Coherence;

namespace Moecraft.Tests.Coherence;

public sealed class CosineTests
{
    [Fact]
    public void Cosine_of_known_vectors()
    {
        Assert.Equal(1.0, Cosine.Of([2.0, 0.0], [5.0, 0.0]), 1e-12);
        Assert.Equal(0.0, Cosine.Of([1.0, 0.0], [0.0, 3.0]), 1e-12);
        Assert.Equal(-1.0, Cosine.Of([1.0, 1.0], [-2.0, -2.0]), 1e-12);
        Assert.Equal(Math.Sqrt(0.5), Cosine.Of([1.0, 0.0], [1.0, 1.0]), 1e-12);
    }

    [Fact]
    public void A_zero_vector_has_cosine_zero()
    {
        Assert.Equal(0.0, Cosine.Of([0.0, 0.0], [1.0, 2.0]));
        Assert.Equal(0.0, Cosine.Of([0.0, 0.0], [0.0, 0.0]));
    }

    [Fact]
    public void Lengths_must_match() =>
        Assert.Throws<ArgumentException>(() => Cosine.Of([1.0, 0.0], [1.0]));
}

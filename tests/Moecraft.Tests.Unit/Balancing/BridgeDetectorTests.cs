using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class BridgeDetectorTests
{
    private readonly BridgeDetector _detector = new();

    [Theory]
    [InlineData(0.0, 1.0)]    // below m_free: clamped to 1
    [InlineData(0.05, 1.0)]   // (0.30 - 0.05) / 0.25
    [InlineData(0.175, 0.5)]  // (0.30 - 0.175) / 0.25
    [InlineData(0.25, 0.2)]   // (0.30 - 0.25) / 0.25
    [InlineData(0.30, 0.0)]   // at m_veto: vetoed
    [InlineData(0.9, 0.0)]    // above m_veto: clamped to 0
    public void Relevance_is_the_clamped_ramp_between_free_and_veto(double fastMass, double relevance) =>
        Assert.Equal(relevance, _detector.Relevance(fastMass), 1e-12);

    [Fact]
    public void No_sampled_disagreement_yet_means_full_relevance() =>
        Assert.Equal(1.0, _detector.Relevance(double.NaN));

    [Fact]
    public void Bad_masses_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => _detector.Relevance(-0.1));
        Assert.Throws<ArgumentException>(() => new BridgeDetector(FreeMass: 0.3, VetoMass: 0.3).Validate());
        Assert.Throws<ArgumentException>(() => new BridgeDetector(FreeMass: 0.3, VetoMass: 0.3).Relevance(0.1));
    }
}

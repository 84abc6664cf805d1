using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

public sealed class PeerLivenessRuleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(null, PeerLiveness.Unseen)]
    [InlineData(0L, PeerLiveness.Alive)]
    [InlineData(30_000L, PeerLiveness.Alive)]
    [InlineData(30_001L, PeerLiveness.Suspect)]
    [InlineData(100_000L, PeerLiveness.Suspect)]
    [InlineData(100_001L, PeerLiveness.Dead)]
    public void Liveness_follows_the_age_of_the_last_heartbeat(long? age, PeerLiveness expected)
    {
        const long now = 1_767_225_600_000;
        Assert.Equal(expected, PeerLivenessRule.Of(age is null ? null : now - age, now, Interval, suspectAfter: 3, deadAfter: 10));
    }

    [Theory]
    [InlineData(0, 3, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 3, 3)]
    [InlineData(10, 3, 10_001)]
    public void Bad_thresholds_are_refused(int intervalSeconds, int suspect, int dead) =>
        Assert.Throws<ArgumentException>(() => PeerLivenessRule.Of(0, 0, TimeSpan.FromSeconds(intervalSeconds), suspect, dead));
}

using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>The clock digest: SHA-256 of the canonical origin -> seq object, against independently computed values.</summary>
public sealed class ClockDigestTests
{
    [Fact]
    public void The_empty_clock_hashes_the_empty_object()
    {
        Assert.Equal("{}", ClockDigest.Canonical([]));
        Assert.Equal("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", ClockDigest.Of([]));
        Assert.Equal(ClockDigest.Empty, ClockDigest.Of([]));
    }

    [Fact]
    public void Origins_are_sorted_and_head_ids_do_not_count()
    {
        FeedPosition[] clock = [new("b-origin", 12, "x"), new("a-origin", 3, null)];
        Assert.Equal("""{"a-origin":3,"b-origin":12}""", ClockDigest.Canonical(clock));
        Assert.Equal("bc00e1bc1808962473716a931069a337157bbcd0c125d4213ba81cf01caf9063", ClockDigest.Of(clock));
        Assert.Equal(ClockDigest.Of(clock), ClockDigest.Of([new("a-origin", 3, "y"), new("b-origin", 12, "z")]));
        Assert.NotEqual(ClockDigest.Of(clock), ClockDigest.Of([new("a-origin", 3, null), new("b-origin", 13, null)]));
    }

    [Fact]
    public void A_bad_clock_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => ClockDigest.Of([new("a", 1, null), new("a", 2, null)]));
        Assert.Throws<ArgumentException>(() => ClockDigest.Of([new("a", -1, null)]));
        Assert.Throws<ArgumentException>(() => ClockDigest.Of([new(null!, 1, null)]));
    }

    [Theory]
    [InlineData("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", true)]
    [InlineData("44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A", false)]
    [InlineData("44136fa3", false)]
    [InlineData(null, false)]
    public void Digests_are_64_lower_case_hex_digits(string? text, bool expected) => Assert.Equal(expected, ClockDigest.IsDigest(text));
}

using Microsoft.Extensions.Time.Testing;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

public sealed class ReplayWindowTests
{
    private static FederationSignature Request(string key = "key-a", string nonce = "nonce-aaaaaaaaaaaaaaaa") =>
        new("alpha", key, "beta", 0, nonce, "sig");

    [Fact]
    public void A_request_is_accepted_once_and_its_copy_refused()
    {
        var window = new ReplayWindow(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        Assert.True(window.TryAccept(Request()));
        Assert.False(window.TryAccept(Request()));
        Assert.True(window.TryAccept(Request(nonce: "nonce-bbbbbbbbbbbbbbbb")));
        Assert.True(window.TryAccept(Request(key: "key-b")));
    }

    [Fact]
    public void A_nonce_is_forgotten_only_after_the_whole_window_the_verifier_accepts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var window = new ReplayWindow(clock);
        Assert.True(window.TryAccept(Request()));
        clock.Advance(ReplayWindow.Span - TimeSpan.FromMilliseconds(1));
        Assert.False(window.TryAccept(Request()));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(window.TryAccept(Request()));
        Assert.Equal(FederationRequestVerifier.MaxClockSkew * 2, ReplayWindow.Span);
    }

    [Fact]
    public void A_full_window_refuses_new_requests_rather_than_forgetting_old_ones()
    {
        var window = new ReplayWindow(new FakeTimeProvider(DateTimeOffset.UnixEpoch), capacity: 2);
        Assert.True(window.TryAccept(Request(nonce: "nonce-1111111111111111")));
        Assert.True(window.TryAccept(Request(nonce: "nonce-2222222222222222")));
        Assert.False(window.TryAccept(Request(nonce: "nonce-3333333333333333")));
        Assert.False(window.TryAccept(Request(nonce: "nonce-1111111111111111")));
    }
}

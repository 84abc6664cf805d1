using System.Net;
using Moecraft.Api.Authentication;

namespace Moecraft.Tests.Api.Auth;

/// <summary>Open local access: the built-in local tenant with admin rights, only for loopback callers of a loopback-only server.</summary>
public sealed class OpenLocalAccessRuleTests
{
    private static readonly string[] Loopback = ["http://127.0.0.1:5080"];

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("https://[::1]:5443")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080")]
    [InlineData("http://localhost:0")]
    public void A_loopback_address_listens_on_loopback_only(string address)
    {
        Assert.True(OpenLocalAccessRule.ListensOnLoopbackOnly(address));
        Assert.True(MoecraftAuthenticationHandler.ListensOnLoopbackOnly(address));
    }

    [Theory]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://silo1:8080")]
    [InlineData("http://localhost.example.com:5080")]
    [InlineData("http://unix:/tmp/moecraft.sock")]
    [InlineData("not an address")]
    [InlineData("")]
    public void Any_other_address_does_not(string address) => Assert.False(OpenLocalAccessRule.ListensOnLoopbackOnly(address));

    [Fact]
    public void A_loopback_caller_of_a_loopback_only_server_gets_open_local_access()
    {
        Assert.True(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, Loopback, forwarded: false));
        Assert.True(OpenLocalAccessRule.Applies(true, IPAddress.IPv6Loopback, ["http://127.0.0.1:5080", "http://[::1]:5080"], forwarded: false));
    }

    [Fact]
    public void A_server_that_also_listens_on_a_non_loopback_address_never_grants_it_even_to_a_loopback_caller()
    {
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, ["http://127.0.0.1:5080", "http://0.0.0.0:5081"], forwarded: false));
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, ["http://+:8080"], forwarded: false));
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, [], forwarded: false));
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, null, forwarded: false));
    }

    [Fact]
    public void A_remote_caller_a_forwarded_request_or_a_disabled_setting_never_gets_it()
    {
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Parse("192.168.1.7"), Loopback, forwarded: false));
        Assert.False(OpenLocalAccessRule.Applies(true, null, Loopback, forwarded: false));
        Assert.False(OpenLocalAccessRule.Applies(true, IPAddress.Loopback, Loopback, forwarded: true));
        Assert.False(OpenLocalAccessRule.Applies(false, IPAddress.Loopback, Loopback, forwarded: false));
    }
}

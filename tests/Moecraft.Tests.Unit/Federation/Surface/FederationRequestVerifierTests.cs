using System.Text;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

public sealed class FederationRequestVerifierTests
{
    private const long Now = 1_767_225_600_000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"clock":[],"max":10}""");

    private readonly Moecraft.Identity.NodeKey _alpha = SurfaceKeys.Fresh();

    private string Signed(string destination = "beta", long at = Now, byte[]? body = null, string path = FederationWire.Pull) =>
        FederationRequestSigner.Sign(_alpha, "alpha", destination, "POST", path, body ?? Body, at);

    [Fact]
    public void A_signed_request_verifies_as_its_origin_and_key()
    {
        var caller = FederationRequestVerifier.Verify(Signed(), "beta", "POST", FederationWire.Pull, Body, Now, out var problem);
        Assert.Null(problem);
        Assert.NotNull(caller);
        Assert.Equal("alpha", caller.Origin);
        Assert.Equal(_alpha.NodeId, caller.Key);
    }

    [Fact]
    public void A_request_for_another_node_is_refused()
    {
        Assert.Null(FederationRequestVerifier.Verify(Signed(destination: "gamma"), "beta", "POST", FederationWire.Pull, Body, Now, out var problem));
        Assert.Contains("for node 'gamma', this is node 'beta'", problem);
    }

    [Fact]
    public void A_changed_body_path_or_method_breaks_the_signature()
    {
        var header = Signed();
        Assert.Null(FederationRequestVerifier.Verify(header, "beta", "POST", FederationWire.Pull, Encoding.UTF8.GetBytes("""{"clock":[],"max":99}"""), Now, out var body));
        Assert.Contains("bad signature", body);
        Assert.Null(FederationRequestVerifier.Verify(header, "beta", "POST", FederationWire.Push, Body, Now, out var path));
        Assert.Contains("bad signature", path);
        Assert.Null(FederationRequestVerifier.Verify(header, "beta", "PUT", FederationWire.Pull, Body, Now, out var method));
        Assert.Contains("bad signature", method);
    }

    [Fact]
    public void A_request_signed_by_another_key_than_it_names_is_refused()
    {
        var mallory = SurfaceKeys.Fresh();
        var forged = FederationRequestSigner.Sign(mallory, "alpha", "beta", "POST", FederationWire.Pull, Body, Now)
            .Replace(mallory.NodeId, _alpha.NodeId, StringComparison.Ordinal);
        Assert.Null(FederationRequestVerifier.Verify(forged, "beta", "POST", FederationWire.Pull, Body, Now, out var problem));
        Assert.Contains("does not verify", problem);
    }

    [Theory]
    [InlineData(-61_000)]
    [InlineData(61_000)]
    public void A_request_outside_the_time_window_is_refused(long offset)
    {
        Assert.Null(FederationRequestVerifier.Verify(Signed(at: Now + offset), "beta", "POST", FederationWire.Pull, Body, Now, out var problem));
        Assert.Contains("more than 60 s from this node's clock", problem);
    }

    [Theory]
    [InlineData(null, "no Authorization header")]
    [InlineData("Bearer mc-abc", "is not 'Moecraft-Sig ...'")]
    [InlineData("Moecraft-Sig origin=\"a\"", "lacks one of")]
    [InlineData("Moecraft-Sig origin=\"a\",origin=\"b\"", "appears twice")]
    [InlineData("Moecraft-Sig origin=\"a\",key=\"k\",destination=\"beta\",ts=\"x\",nonce=\"n\",sig=\"s\"", "ts is not")]
    [InlineData("Moecraft-Sig origin=\"a\",key=\"k\",destination=\"beta\",ts=\"1\",nonce=\"n\",sig=\"s\",extra=\"e\"", "fields besides")]
    public void A_malformed_header_is_refused_with_why(string? header, string why)
    {
        Assert.Null(FederationRequestVerifier.Verify(header, "beta", "POST", FederationWire.Pull, Body, Now, out var problem));
        Assert.Contains(why, problem);
    }

    [Fact]
    public void The_header_round_trips_through_its_parser()
    {
        var parsed = FederationSignature.Parse(Signed(), out var problem);
        Assert.Null(problem);
        Assert.NotNull(parsed);
        Assert.Equal(Signed().Length, parsed.Header().Length);
        Assert.Equal(parsed, FederationSignature.Parse(parsed.Header(), out _));
    }
}

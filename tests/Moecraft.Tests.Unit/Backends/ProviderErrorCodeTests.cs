using Moecraft.Experts.Resilience;

namespace Moecraft.Tests.Backends;

/// <summary>The provider's machine-readable reason for a refusal, read from its OpenAI-shaped error body.</summary>
public sealed class ProviderErrorCodeTests
{
    [Theory]
    [InlineData("""{"error":{"message":"too long","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", "context_length_exceeded")]
    [InlineData("""{"error":{"code":"content_filter","message":"filtered"}}""", "content_filter")]
    [InlineData("""{"code":"content_filter"}""", "content_filter")]
    [InlineData("""{"error":{"message":"boom","code":null}}""", null)]
    [InlineData("""{"error":{"code":42}}""", null)]
    [InlineData("""{"error":{"code":"<script>alert(1)</script>"}}""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_code_is_read_from_the_error_body_and_anything_else_is_no_code(string body, string? expected) =>
        Assert.Equal(expected, ProviderErrorCode.FromBody(body));

    [Fact]
    public void The_code_is_read_from_the_OpenAI_SDKs_failure_even_when_wrapped()
    {
        var failure = RetryDelayTests.ClientFailure(400, """{"error":{"code":"context_length_exceeded"}}""");
        Assert.Equal("context_length_exceeded", ProviderErrorCode.Of(new InvalidOperationException("wrapped", failure)));
        Assert.Null(ProviderErrorCode.Of(new HttpRequestException("no body here")));
    }
}

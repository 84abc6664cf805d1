using Moecraft.Api;
using Moecraft.Experts;

namespace Moecraft.Tests.Api.Faults;

/// <summary>A provider's refusal of the request itself reaches the HTTP caller as a 400 with the provider's code; other failures stay upstream failures.</summary>
public sealed class ProviderRefusalTests
{
    [Theory]
    [InlineData(400, "context_length_exceeded", 400, "context_length_exceeded")]
    [InlineData(400, "content_filter", 400, "content_filter")]
    [InlineData(422, null, 400, "upstream_rejected")]
    [InlineData(401, "invalid_api_key", 502, "upstream_failed")]
    [InlineData(429, "rate_limit_exceeded", 502, "upstream_failed")]
    [InlineData(503, null, 502, "upstream_failed")]
    public void A_failed_call_maps_to_the_callers_status_and_code(int providerStatus, string? providerCode, int status, string code)
    {
        var failure = ApiFailure.From(new ExpertCallFailedException("e", "every expert failed", providerStatus, providerCode));

        Assert.Equal(status, failure.Status);
        Assert.Equal(code, failure.Code);
    }

    [Fact]
    public void A_failure_without_a_provider_answer_is_an_upstream_failure() =>
        Assert.Equal(502, ApiFailure.From(new ExpertCallFailedException("e", "timed out")).Status);
}

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Moecraft.Experts.Resilience;

namespace Moecraft.Tests.Backends;

/// <summary>How long a retry waits: a backend's Retry-After, a full backoff after a bare 429, the pipeline's own otherwise; and whether the wait fits the budget.</summary>
public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("2", 2000)]
    [InlineData(" 0.5 ", 500)]
    [InlineData("0", 0)]
    [InlineData("Fri, 04 Dec 2026 12:00:03 GMT", 3000)]
    [InlineData("Fri, 04 Dec 2026 11:59:00 GMT", 0)]
    [InlineData("999999", 3_600_000)]
    public void A_Retry_After_value_is_read_as_seconds_or_an_HTTP_date_never_negative_and_bounded(string value, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterHint.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void A_missing_or_unreadable_Retry_After_is_no_hint(string? value) => Assert.Null(RetryAfterHint.Parse(value, Now));

    [Fact]
    public void The_hint_is_read_from_the_OpenAI_SDKs_failure_and_from_an_HTTP_failure()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHint.Of(ClientFailure(429, ("Retry-After", "7")), Now));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterHint.Of(ClientFailure(429, ("retry-after-ms", "1500"), ("Retry-After", "2")), Now));
        Assert.Null(RetryAfterHint.Of(ClientFailure(429), Now));
        var http = new HttpRequestException("throttled", null, HttpStatusCode.TooManyRequests);
        http.Data[RetryAfterHint.DataKey] = "3";
        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterHint.Of(new InvalidOperationException("wrapped", http), Now));
    }

    [Fact]
    public void A_hinted_retry_waits_at_least_the_hint_and_never_less_than_the_base_backoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), RetryDelay.For(ClientFailure(429, ("Retry-After", "2")), 0, Base, Now));
        Assert.Equal(Base, RetryDelay.For(ClientFailure(503, ("Retry-After", "0")), 0, Base, Now));
    }

    [Fact]
    public void A_rate_limit_without_a_hint_waits_the_whole_exponential_backoff()
    {
        Assert.Equal(Base, RetryDelay.For(ClientFailure(429), 0, Base, Now));
        Assert.Equal(Base * 4, RetryDelay.For(ClientFailure(429), 2, Base, Now));
        Assert.Equal(RetryDelay.LongestBackoff, RetryDelay.For(ClientFailure(429), 20, Base, Now));
    }

    [Fact]
    public void Other_failures_leave_the_delay_to_the_pipelines_jittered_backoff() =>
        Assert.Null(RetryDelay.For(ClientFailure(500), 0, Base, Now));

    [Fact]
    public void A_wait_that_outlasts_the_calls_remaining_budget_does_not_fit()
    {
        Assert.True(RetryDelay.FitsIn(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.False(RetryDelay.FitsIn(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)));
        Assert.True(RetryDelay.FitsIn(null, TimeSpan.FromSeconds(2)));
        Assert.False(RetryDelay.FitsIn(null, TimeSpan.Zero));
    }

    /// <summary>A failure as the OpenAI SDK throws it: the raw response with its status, headers and (buffered) body.</summary>
    public static ClientResultException ClientFailure(int status, params (string Name, string Value)[] headers) =>
        ClientFailure(status, """{"error":{"message":"scripted","type":"server_error","code":null}}""", headers);

    public static ClientResultException ClientFailure(int status, string body, params (string Name, string Value)[] headers) =>
        new($"HTTP {status}", new ScriptedResponse(status, body, headers));

    private sealed class ScriptedResponse(int status, string body, (string Name, string Value)[] headers) : PipelineResponse
    {
        private readonly BinaryData _content = BinaryData.FromString(body);

        public override int Status => status;

        public override string ReasonPhrase => "scripted";

        public override Stream? ContentStream { get; set; }

        public override BinaryData Content => _content;

        protected override PipelineResponseHeaders HeadersCore => new ScriptedHeaders(headers);

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => _content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_content);

        public override void Dispose()
        {
        }
    }

    private sealed class ScriptedHeaders((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override bool TryGetValue(string name, out string? value)
        {
            value = headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
            return value is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            values = [.. headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];
            return values.Any();
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();
    }
}

using Moecraft.Tenants;
using Moecraft.Tests.Backends;

namespace Moecraft.Tests.Api.Faults;

/// <summary>
/// Provider faults behind an OpenAI-compatible expert, seen through the HTTP API of a real silo process: rate limits,
/// server errors, resets, silence, slow and broken streams, refusals and an outage. A truncated answer is never a success.
/// </summary>
public sealed class ProviderFaultTests(FaultSiloFixture silo) : IClassFixture<FaultSiloFixture>
{
    private const string Answer = "the primary expert answers in several words";

    [Fact]
    public async Task A_rate_limit_with_Retry_After_is_retried_on_the_same_expert_no_sooner_than_asked()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "retry-after", FaultScenario.Policy());
        scenario.Primary.Enqueue(FakeModelBehaviour.RateLimited(TimeSpan.FromSeconds(1)), FakeModelBehaviour.Answer(Answer));

        var call = await scenario.AskAsync("How long should a throttled client wait?", stream: false);

        Assert.True(call.Status == 200, call.ToString());
        Assert.Equal(Answer, call.Text);
        Assert.Equal(scenario.PrimaryId, call.AnsweredBy);
        var arrivals = scenario.Primary.Arrivals;
        Assert.Equal(2, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds:0} ms");
        AssertNotCalledBefore(scenario.Fallback, arrivals[^1]);
    }

    [Fact]
    public async Task A_rate_limit_without_Retry_After_backs_off_exponentially_instead_of_looping()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "rate-limit", FaultScenario.Policy(backoffMs: 200));
        scenario.Primary.Enqueue(FakeModelBehaviour.RateLimited(), FakeModelBehaviour.RateLimited(), FakeModelBehaviour.Answer(Answer));

        var call = await scenario.AskAsync("Why back off after a 429?", stream: true);

        Assert.True(call.Done, call.ToString());
        Assert.Equal(Answer, call.Text);
        var arrivals = scenario.Primary.Arrivals;
        Assert.Equal(3, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(190), $"first retry after {(arrivals[1] - arrivals[0]).TotalMilliseconds:0} ms");
        Assert.True(arrivals[2] - arrivals[1] >= TimeSpan.FromMilliseconds(390), $"second retry after {(arrivals[2] - arrivals[1]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_call_budget_is_not_waited_out_and_the_fallback_answers()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "retry-too-late", FaultScenario.Policy(totalSeconds: 4));
        scenario.Primary.Default = FakeModelBehaviour.RateLimited(TimeSpan.FromSeconds(30));

        var call = await scenario.AskAsync("Who answers while the primary is throttled?", stream: false);

        Assert.True(call.Status == 200, call.ToString());
        Assert.Equal(scenario.FallbackId, call.AnsweredBy);
        Assert.Equal(1, CalledBefore(scenario.Primary, scenario.Fallback.Arrivals[0]));
        Assert.True(call.Elapsed < TimeSpan.FromSeconds(4), $"took {call.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_single_server_error_is_retried_and_the_answer_is_served()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "500-once", FaultScenario.Policy());
        scenario.Primary.Enqueue(FakeModelBehaviour.Fail(500), FakeModelBehaviour.Answer(Answer));

        var call = await scenario.AskAsync("Does one 500 fail the request?", stream: false);

        Assert.True(call.Status == 200, call.ToString());
        Assert.Equal(Answer, call.Text);
        Assert.Equal(scenario.PrimaryId, call.AnsweredBy);
        Assert.Equal(2, scenario.Primary.Requests.Count);
        AssertNotCalledBefore(scenario.Fallback, scenario.Primary.Arrivals[^1]);
    }

    [Fact]
    public async Task A_persistent_503_is_retried_then_the_fallback_expert_answers_the_stream()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "503", FaultScenario.Policy(maxRetries: 2));
        scenario.Primary.Default = FakeModelBehaviour.Fail(503);

        var call = await scenario.AskAsync("Who answers when the primary is unavailable?", stream: true);

        Assert.True(call.Done, call.ToString());
        Assert.Equal("the fallback expert answers instead", call.Text);
        Assert.Equal(scenario.FallbackId, call.AnsweredBy);
        Assert.Equal(3, CalledBefore(scenario.Primary, scenario.Fallback.Arrivals[0]));
    }

    [Fact]
    public async Task A_connection_reset_before_the_headers_is_retried_and_the_answer_is_served()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "reset", FaultScenario.Policy());
        scenario.Primary.Enqueue(FakeModelBehaviour.ResetBeforeHeaders(), FakeModelBehaviour.Answer(Answer));

        var call = await scenario.AskAsync("What happens after a connection reset?", stream: true);

        Assert.True(call.Done, call.ToString());
        Assert.Equal(Answer, call.Text);
        Assert.Equal(scenario.PrimaryId, call.AnsweredBy);
        Assert.Equal(2, scenario.Primary.Requests.Count);
    }

    [Fact]
    public async Task A_backend_that_never_answers_is_abandoned_at_the_total_timeout_and_the_fallback_answers()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "silent", FaultScenario.Policy(firstTokenSeconds: 2, totalSeconds: 2));
        scenario.Primary.Default = FakeModelBehaviour.NoResponse();

        var call = await scenario.AskAsync("Is anyone there?", stream: false);

        Assert.True(call.Status == 200, call.ToString());
        Assert.Equal(scenario.FallbackId, call.AnsweredBy);
        Assert.InRange(call.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_first_token_slower_than_the_first_token_timeout_is_abandoned_and_the_retry_answers()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "slow-first", FaultScenario.Policy(firstTokenSeconds: 1, totalSeconds: 6));
        scenario.Primary.Enqueue(FakeModelBehaviour.SlowFirstChunk(TimeSpan.FromSeconds(20), Answer), FakeModelBehaviour.Answer(Answer));

        var call = await scenario.AskAsync("Can a slow start be abandoned?", stream: true);

        Assert.True(call.Done, call.ToString());
        Assert.Equal(Answer, call.Text);
        Assert.Equal(scenario.PrimaryId, call.AnsweredBy);
        Assert.Equal(2, scenario.Primary.Requests.Count);
        Assert.InRange(call.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task A_stream_cut_mid_answer_ends_with_an_error_event_without_DONE_and_charges_nothing()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "cut", FaultScenario.Policy());
        scenario.Primary.Default = FakeModelBehaviour.DisconnectMidStream(Answer);
        var before = await scenario.UsageAsync();

        var call = await scenario.AskAsync("Tell me a long story", stream: true);

        AssertTruncatedAndFree(call, before, await scenario.UsageAsync());
        Assert.NotEmpty(call.Text);
        // Output already reached the caller: no retry on the primary, no failover to the fallback.
        Assert.Single(scenario.Primary.Requests);
        Assert.Empty(scenario.Fallback.Requests);
    }

    [Fact]
    public async Task A_stream_that_stalls_mid_answer_is_cut_at_the_total_timeout_and_ends_with_an_error_event()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "stall", FaultScenario.Policy(firstTokenSeconds: 1, totalSeconds: 3));
        scenario.Primary.Default = FakeModelBehaviour.StallMidStream(Answer);
        var before = await scenario.UsageAsync();

        var call = await scenario.AskAsync("Keep talking, please", stream: true);

        AssertTruncatedAndFree(call, before, await scenario.UsageAsync());
        Assert.NotEmpty(call.Text);
        Assert.InRange(call.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(10));
        Assert.Empty(scenario.Fallback.Requests);
    }

    [Fact]
    public async Task A_stream_that_stalls_mid_answer_is_cut_at_the_idle_timeout_long_before_the_total_timeout()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "idle", FaultScenario.Policy(firstTokenSeconds: 2, totalSeconds: 30, idleSeconds: 1));
        scenario.Primary.Default = FakeModelBehaviour.StallMidStream(Answer);
        var before = await scenario.UsageAsync();

        var call = await scenario.AskAsync("Keep talking, without pauses", stream: true);

        AssertTruncatedAndFree(call, before, await scenario.UsageAsync());
        Assert.NotEmpty(call.Text);
        Assert.InRange(call.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Contains("idle timeout", (string?)call.Error?["message"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_chunk_before_any_output_fails_over_to_the_fallback()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "malformed", FaultScenario.Policy());
        scenario.Primary.Default = FakeModelBehaviour.MalformedChunk(Answer);

        var call = await scenario.AskAsync("Speak the protocol", stream: true);

        Assert.True(call.Done, call.ToString());
        Assert.Equal(scenario.FallbackId, call.AnsweredBy);
        Assert.Equal("the fallback expert answers instead", call.Text);
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_finish_reason_or_DONE_is_an_error_not_a_success()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "no-done", FaultScenario.Policy());
        scenario.Primary.Default = FakeModelBehaviour.EndWithoutDone(Answer);
        var before = await scenario.UsageAsync();

        var call = await scenario.AskAsync("Finish your sentence", stream: true);

        AssertTruncatedAndFree(call, before, await scenario.UsageAsync());
        Assert.Equal(Answer, call.Text);
        Assert.Empty(scenario.Fallback.Requests);
    }

    [Fact]
    public async Task A_context_length_refusal_is_not_retried_and_reaches_the_caller_as_context_length_exceeded()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "context", FaultScenario.Policy(maxRetries: 3));
        scenario.Primary.Default = FakeModelBehaviour.ContextLengthExceeded();

        var plain = await scenario.AskAsync("A very long conversation", stream: false, withFallback: false);
        var streamed = await scenario.AskAsync("A very long conversation, streamed", stream: true, withFallback: false);

        foreach (var call in new[] { plain, streamed })
        {
            Assert.True(call.Status == 400, call.ToString());
            Assert.Equal("context_length_exceeded", (string?)call.Error?["code"]);
            Assert.Equal("invalid_request_error", (string?)call.Error?["type"]);
        }
        Assert.Equal(2, scenario.Primary.Requests.Count);
    }

    [Fact]
    public async Task A_content_filter_refusal_by_every_expert_reaches_the_caller_as_content_filter()
    {
        await using var scenario = await FaultScenario.StartAsync(silo, "filter", FaultScenario.Policy(maxRetries: 3));
        scenario.Primary.Default = FakeModelBehaviour.ContentFiltered();
        scenario.Fallback.Default = FakeModelBehaviour.ContentFiltered();
        var before = await scenario.UsageAsync();

        var call = await scenario.AskAsync("Something a filter refuses", stream: false);

        Assert.True(call.Status == 400, call.ToString());
        Assert.Equal("content_filter", (string?)call.Error?["code"]);
        Assert.Single(scenario.Primary.Requests);
        Assert.Single(scenario.Fallback.Requests);
        var after = await scenario.UsageAsync();
        Assert.Equal(before.Spent, after.Spent);
        Assert.Equal(before.Reserved, after.Reserved);
    }

    [Fact]
    public async Task A_primary_down_for_a_while_is_served_by_the_fallback_and_takes_over_again_once_it_recovers()
    {
        var policy = FaultScenario.Policy(maxRetries: 0, failuresToOpen: 2, openSeconds: 1);
        await using var scenario = await FaultScenario.StartAsync(silo, "outage", policy);
        scenario.Primary.Default = FakeModelBehaviour.Answer(Answer);
        var outage = TimeSpan.FromSeconds(3);
        scenario.Primary.OutageFor(outage);
        var recovered = DateTimeOffset.UtcNow + outage;

        var during = new List<ApiCall>();
        while (DateTimeOffset.UtcNow < recovered - TimeSpan.FromMilliseconds(200))
        {
            during.Add(await scenario.AskAsync("Are you there?", stream: false));
            await Task.Delay(100);
        }
        ApiCall? back = null;
        var deadline = recovered + TimeSpan.FromSeconds(6);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var call = await scenario.AskAsync("Are you back?", stream: false);
            Assert.True(call.Status == 200, call.ToString());
            if (call.AnsweredBy == scenario.PrimaryId)
            {
                back = call;
                break;
            }
            await Task.Delay(100);
        }

        Assert.True(during.Count >= 4, $"only {during.Count} requests during the outage");
        Assert.All(during, call => Assert.True(call.Status == 200 && call.AnsweredBy == scenario.FallbackId, call.ToString()));
        // The open circuit turned requests away without calling the primary.
        var calledDuringOutage = scenario.Primary.Arrivals.Count(a => a < recovered);
        Assert.True(calledDuringOutage < during.Count, $"the primary was called {calledDuringOutage} times for {during.Count} requests");
        Assert.NotNull(back);
        Assert.Equal(Answer, back.Text);
        Assert.Equal(scenario.PrimaryId, (await scenario.AskAsync("Still back?", stream: false)).AnsweredBy);
    }

    // A successful answer may be shadowed (5 % of requests, off the request path) by the router's other expert: requests
    // that arrive after the answer are not part of the request's own attempts.
    private static int CalledBefore(FakeModelServer server, DateTimeOffset moment) => server.Arrivals.Count(a => a < moment);

    private static void AssertNotCalledBefore(FakeModelServer server, DateTimeOffset moment) =>
        Assert.True(CalledBefore(server, moment) == 0, $"{server.OpenAiEndpoint} was called during the request");

    /// <summary>The stream started, then failed: an error event, no [DONE], nothing charged and the reservation released.</summary>
    private static void AssertTruncatedAndFree(ApiCall call, TenantUsage before, TenantUsage after)
    {
        Assert.True(call.IsStream, call.ToString());
        Assert.False(call.Done, call.ToString());
        Assert.NotNull(call.Error);
        Assert.Null(call.AnsweredBy);
        Assert.Equal(before.Spent, after.Spent);
        Assert.Equal(before.Requests, after.Requests);
        Assert.Equal(before.Reserved, after.Reserved);
        Assert.Equal(before.OpenReservations, after.OpenReservations);
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Api;
using Moecraft.Api.OpenAi;
using Moecraft.Experts;
using Moecraft.Governance;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Api;

/// <summary>The event stream of a streamed completion, and OpenAI-shaped errors, written to an in-memory response.</summary>
public sealed class ChatCompletionStreamTests
{
    private static readonly ModelRoute Route = new("default", null, MoecraftApiOptions.AutoModel);

    private static AskResult Result(string text, params ToolCall[] calls) => new(
        new RouteDecision("default", 3, [], []),
        new ExpertAnswer("sim-standard", text, 10, 5, 0.01m, 12, true, null, [.. calls]),
        new RoutingMetadata(["sim-standard"], 0.01m, 0.05m, 0.8, false, 3, RoutingPolicyKind.CheapestAcceptable, 0));

    private static async IAsyncEnumerable<AskChunk> Chunks(IEnumerable<AskChunk> chunks, Exception? failAtEnd = null, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
        if (failAtEnd is not null) throw failAtEnd;
    }

    private static async Task<(HttpContext Http, List<string> Events)> RunAsync(IAsyncEnumerable<AskChunk> chunks, bool includeUsage = true)
    {
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;
        await new ChatCompletionStream(http, Route, "chatcmpl-x", 1, includeUsage, NullLogger.Instance).RunAsync(chunks);
        var events = Encoding.UTF8.GetString(body.ToArray()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        return (http, [.. events.Select(e => e["data: ".Length..])]);
    }

    [Fact]
    public async Task A_stream_sends_role_deltas_finish_with_metadata_usage_and_done_in_that_order()
    {
        var (http, events) = await RunAsync(Chunks([new AskChunk("Hel"), new AskChunk("lo"), new AskChunk(null, Result("Hello"))]));

        Assert.Equal("text/event-stream; charset=utf-8", http.Response.ContentType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(5, chunks.Count);
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(["Hel", "lo"], chunks[1..3].Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal("stop", chunks[3].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("sim-standard", chunks[3].GetProperty("model").GetString());
        Assert.Equal(0.04m, chunks[3].GetProperty("moecraft").GetProperty("savings").GetDecimal());
        Assert.Equal(0, chunks[4].GetProperty("choices").GetArrayLength());
        Assert.Equal(15, chunks[4].GetProperty("usage").GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public async Task Tool_calls_are_streamed_with_their_index_and_finish_the_choice_with_tool_calls()
    {
        var (_, events) = await RunAsync(Chunks([new AskChunk(null, Result("", new ToolCall("call_1", "lookup", "{\"q\":1}")))]), includeUsage: false);

        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var call = chunks[1].GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.Equal((0, "call_1", "function", "lookup", "{\"q\":1}"),
            (call.GetProperty("index").GetInt32(), call.GetProperty("id").GetString(), call.GetProperty("type").GetString(),
             call.GetProperty("function").GetProperty("name").GetString(), call.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("tool_calls", chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(3, chunks.Count); // no usage chunk unless asked
    }

    [Fact]
    public async Task A_failure_after_the_stream_started_is_an_error_event_and_no_done()
    {
        var (http, events) = await RunAsync(Chunks([new AskChunk("partial ")], new ExpertCallFailedException("sim-standard", "backend went away")));

        Assert.Equal(200, http.Response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("upstream_failed", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_stream_that_ends_without_its_final_chunk_is_an_error_never_a_truncated_success()
    {
        var (_, events) = await RunAsync(Chunks([new AskChunk("partial")]));

        Assert.DoesNotContain("[DONE]", events);
        Assert.True(JsonDocument.Parse(events[^1]).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_failure_before_the_first_chunk_propagates_so_the_endpoint_answers_with_its_status()
    {
        var http = new DefaultHttpContext();
        var stream = new ChatCompletionStream(http, Route, "chatcmpl-x", 1, includeUsage: true, NullLogger.Instance);

        await Assert.ThrowsAsync<BudgetExceededException>(() => stream.RunAsync(Chunks([], new BudgetExceededException("t", 1m, 0m, DateTimeOffset.UnixEpoch))));
        Assert.False(http.Response.HasStarted);
        Assert.Null(http.Response.ContentType);
    }

    [Fact]
    public async Task Rate_limits_halts_and_exhausted_budgets_are_written_as_OpenAI_errors_with_their_status()
    {
        async Task<(int Status, string? RetryAfter, JsonElement Error)> WriteAsync(Exception error)
        {
            var http = new DefaultHttpContext();
            var body = new MemoryStream();
            http.Response.Body = body;
            var (failure, param) = OpenAiErrors.Classify(error);
            await OpenAiErrors.WriteAsync(http.Response, failure, param);
            return (http.Response.StatusCode, http.Response.Headers.RetryAfter.FirstOrDefault(),
                JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("error"));
        }

        var limited = await WriteAsync(new RateLimitExceededException("t", 60, TimeSpan.FromSeconds(1.2)));
        var halted = await WriteAsync(new ClusterHaltedException("cluster", "incident 7", "ops", DateTimeOffset.UnixEpoch));
        var budget = await WriteAsync(new BudgetExceededException("t", 1m, 0m, DateTimeOffset.UnixEpoch));
        var refused = await WriteAsync(OpenAiRequestException.BadRequest("bad stop", "stop"));

        Assert.Equal((429, "2", "rate_limit_exceeded"), (limited.Status, limited.RetryAfter, limited.Error.GetProperty("code").GetString()));
        Assert.Equal(503, halted.Status);
        Assert.Contains("incident 7", halted.Error.GetProperty("message").GetString());
        Assert.Equal((429, "insufficient_quota"), (budget.Status, budget.Error.GetProperty("code").GetString()));
        Assert.Equal((400, "stop"), (refused.Status, refused.Error.GetProperty("param").GetString()));
    }
}

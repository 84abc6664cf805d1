using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Backends;

/// <summary>
/// A model server on loopback that speaks the real wire protocols: Ollama's <c>/api/chat</c> (JSON, or NDJSON when
/// streaming) and <c>/api/embed</c>, and OpenAI's <c>/v1/chat/completions</c> (JSON, or SSE <c>data:</c> lines ending in
/// <c>[DONE]</c>). Each chat request takes the next scripted <see cref="FakeModelBehaviour"/>, or <see cref="Default"/>.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public const int EmbeddingDimension = 8;
    public const int PromptTokens = 11;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeModelBehaviour> _script = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly ConcurrentQueue<DateTimeOffset> _arrivals = new();
    private Outage? _outage;

    private FakeModelServer(WebApplication app) => _app = app;

    /// <summary>Base address, e.g. <c>http://127.0.0.1:5123/</c>: the Ollama endpoint.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string OllamaEndpoint => BaseAddress.AbsoluteUri;

    public string OpenAiEndpoint => new Uri(BaseAddress, "v1").AbsoluteUri;

    /// <summary>What a chat request gets when the script is empty.</summary>
    public FakeModelBehaviour Default { get; set; } = FakeModelBehaviour.Answer("the default answer from the fake model");

    /// <summary>Bodies of the chat and embed requests received, oldest first.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    /// <summary>When each request in <see cref="Requests"/> arrived, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals => [.. _arrivals];

    /// <summary>Authorization headers received, oldest first.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FakeModelServer(builder.Build());
        server._app.MapPost("/api/chat", server.OllamaChatAsync);
        server._app.MapPost("/api/embed", server.OllamaEmbedAsync);
        server._app.MapPost("/v1/chat/completions", server.OpenAiChatAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>An http address on a loopback port nothing listens on: connecting is refused.</summary>
    public static string RefusedEndpoint() => $"http://127.0.0.1:{FreePorts.Take(1)[0]}/";

    /// <summary>
    /// From now for <paramref name="duration"/>, every chat request fails with HTTP <paramref name="status"/> whatever the
    /// script says (the script is left for after the outage): a backend that is down for a while, then recovers.
    /// </summary>
    public void OutageFor(TimeSpan duration, int status = 503) => _outage = new Outage(DateTimeOffset.UtcNow + duration, status);

    public void Enqueue(params FakeModelBehaviour[] behaviours)
    {
        foreach (var behaviour in behaviours) _script.Enqueue(behaviour);
    }

    /// <summary>The embedding the server gives a text: a deterministic function of it.</summary>
    public static float[] EmbeddingOf(string text)
    {
        var random = new Random(StableSeed(text));
        return [.. Enumerable.Range(0, EmbeddingDimension).Select(_ => (float)Math.Round(random.NextDouble() * 2 - 1, 4))];
    }

    /// <summary>The chunks a streamed answer is cut into: one per word, spaces kept.</summary>
    public static IReadOnlyList<string> Chunks(string text) =>
        [.. text.Split(' ').Select((word, i) => i == 0 ? word : " " + word)];

    /// <summary>Output tokens the server reports for a text: one per chunk.</summary>
    public static int OutputTokensOf(string text) => Chunks(text).Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private FakeModelBehaviour Next() =>
        _outage is { } outage && DateTimeOffset.UtcNow < outage.Until ? FakeModelBehaviour.Fail(outage.Status)
        : _script.TryDequeue(out var behaviour) ? behaviour
        : Default;

    private async Task<JsonObject> ReadAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization) Authorizations.Enqueue(authorization);
        var body = (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject)
            ?? throw new InvalidOperationException("The request body is not a JSON object.");
        _requests.Enqueue(body);
        _arrivals.Enqueue(DateTimeOffset.UtcNow);
        return body;
    }

    private async Task OllamaChatAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var model = (string?)request["model"] ?? "";
        var stream = (bool?)request["stream"] ?? true;
        var behaviour = await BeginAsync(Next(), context, ollama: true);
        if (behaviour is null) return;

        if (!stream)
        {
            await WholeBodyAsync(context, behaviour, OllamaLine(model, behaviour.Text, done: true, behaviour.Text).ToJsonString());
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        await StreamAsync(context, behaviour, chunk => OllamaLine(model, chunk, done: false, null).ToJsonString() + "\n",
            () => OllamaLine(model, "", done: true, behaviour.Text).ToJsonString() + "\n");
    }

    private async Task OpenAiChatAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var model = (string?)request["model"] ?? "";
        var stream = (bool?)request["stream"] ?? false;
        var behaviour = await BeginAsync(Next(), context, ollama: false);
        if (behaviour is null) return;

        if (!stream && behaviour.Kind == FakeModelBehaviour.Kinds.MalformedChunk)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(MalformedBody);
            return;
        }

        if (!stream)
        {
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = behaviour.Kind == FakeModelBehaviour.Kinds.CallTool
                        ? new JsonObject
                        {
                            ["role"] = "assistant",
                            ["content"] = null,
                            ["tool_calls"] = new JsonArray(new JsonObject
                            {
                                ["id"] = "call_fake_1", ["type"] = "function",
                                ["function"] = new JsonObject { ["name"] = behaviour.ToolName, ["arguments"] = behaviour.Text },
                            }),
                        }
                        : new JsonObject { ["role"] = "assistant", ["content"] = behaviour.Text },
                    ["finish_reason"] = behaviour.Kind == FakeModelBehaviour.Kinds.CallTool ? "tool_calls" : "stop",
                }),
                ["usage"] = Usage(behaviour.Text),
            };
            await WholeBodyAsync(context, behaviour, completion.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(Sse(OpenAiChunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null)));
        await StreamAsync(context, behaviour, chunk => Sse(OpenAiChunk(model, new JsonObject { ["content"] = chunk }, null)),
            () => Sse(OpenAiChunk(model, new JsonObject(), "stop"))
                + Sse(new JsonObject
                {
                    ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
                    ["choices"] = new JsonArray(), ["usage"] = Usage(behaviour.Text),
                })
                + "data: [DONE]\n\n");
    }

    private async Task OllamaEmbedAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var inputs = request["input"] switch
        {
            JsonArray array => array.Select(n => (string?)n ?? "").ToList(),
            JsonNode single => [(string?)single ?? ""],
            null => [],
        };
        context.Response.ContentType = "application/json";
        var response = new JsonObject
        {
            ["model"] = (string?)request["model"] ?? "",
            ["embeddings"] = new JsonArray([.. inputs.Select(i => (JsonNode)new JsonArray([.. EmbeddingOf(i).Select(v => (JsonNode)JsonValue.Create(v))]))]),
            ["total_duration"] = 1000,
            ["load_duration"] = 10,
            ["prompt_eval_count"] = inputs.Count,
        };
        await context.Response.WriteAsync(response.ToJsonString());
    }

    /// <summary>Handles the behaviours that decide before any answer; returns null when the response is already complete.</summary>
    private static async Task<FakeModelBehaviour?> BeginAsync(FakeModelBehaviour behaviour, HttpContext context, bool ollama)
    {
        switch (behaviour.Kind)
        {
            case FakeModelBehaviour.Kinds.Fail:
                context.Response.StatusCode = behaviour.Status;
                context.Response.ContentType = "application/json";
                if (behaviour.RetryAfter is { } retryAfter)
                    context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var message = behaviour.Code is { } code ? $"scripted failure {behaviour.Status}: {code}" : $"scripted failure {behaviour.Status}";
                var type = behaviour.Status switch { 429 => "rate_limit_error", < 500 => "invalid_request_error", _ => "server_error" };
                await context.Response.WriteAsync(ollama
                    ? new JsonObject { ["error"] = message }.ToJsonString()
                    : new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = behaviour.Code } }.ToJsonString());
                return null;
            case FakeModelBehaviour.Kinds.Malformed:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(MalformedBody);
                return null;
            case FakeModelBehaviour.Kinds.ResetBeforeHeaders:
                context.Abort();
                return null;
            case FakeModelBehaviour.Kinds.NoResponse:
                await WaitForHangUpAsync(context, Timeout.InfiniteTimeSpan);
                return null;
            case FakeModelBehaviour.Kinds.SlowFirstToken:
                // Ends early when the client hangs up, so a timed-out test leaves no request running.
                return await WaitForHangUpAsync(context, behaviour.Delay) ? null : behaviour;
            default:
                return behaviour;
        }
    }

    /// <summary>Waits <paramref name="delay"/>; true when the client hung up first.</summary>
    private static async Task<bool> WaitForHangUpAsync(HttpContext context, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>A non-streamed answer; a broken behaviour sends only the first half of the body.</summary>
    private static async Task WholeBodyAsync(HttpContext context, FakeModelBehaviour behaviour, string body)
    {
        context.Response.ContentType = "application/json";
        if (behaviour.Kind is not (FakeModelBehaviour.Kinds.DisconnectMidStream or FakeModelBehaviour.Kinds.EndMidStream))
        {
            await context.Response.WriteAsync(body);
            return;
        }
        await context.Response.WriteAsync(body[..(body.Length / 2)]);
        await context.Response.Body.FlushAsync();
        if (behaviour.Kind == FakeModelBehaviour.Kinds.DisconnectMidStream)
        {
            await Task.Delay(50);
            context.Abort();
        }
    }

    private static async Task StreamAsync(HttpContext context, FakeModelBehaviour behaviour, Func<string, string> chunkLine, Func<string> finish)
    {
        var chunks = Chunks(behaviour.Text);
        var broken = behaviour.Kind is FakeModelBehaviour.Kinds.DisconnectMidStream or FakeModelBehaviour.Kinds.EndMidStream or FakeModelBehaviour.Kinds.StallMidStream;
        var count = broken ? Math.Max(1, chunks.Count / 2) : chunks.Count;
        switch (behaviour.Kind)
        {
            case FakeModelBehaviour.Kinds.SlowFirstChunk:
                await context.Response.Body.FlushAsync();
                if (await WaitForHangUpAsync(context, behaviour.Delay)) return;
                break;
            case FakeModelBehaviour.Kinds.MalformedChunk:
                // The rest follows as usual: a client that skipped the bad chunk would see a whole answer.
                await context.Response.WriteAsync("data: " + MalformedBody + "\n\n");
                await context.Response.Body.FlushAsync();
                break;
        }
        foreach (var chunk in chunks.Take(count))
        {
            await context.Response.WriteAsync(chunkLine(chunk));
            await context.Response.Body.FlushAsync();
        }
        switch (behaviour.Kind)
        {
            case FakeModelBehaviour.Kinds.DisconnectMidStream:
                // Give the client the chunks first, then drop the connection without ending the chunked body.
                await Task.Delay(50);
                context.Abort();
                return;
            case FakeModelBehaviour.Kinds.EndMidStream or FakeModelBehaviour.Kinds.EndWithoutDone:
                return;
            case FakeModelBehaviour.Kinds.StallMidStream:
                await context.Response.Body.FlushAsync();
                await WaitForHangUpAsync(context, Timeout.InfiniteTimeSpan);
                return;
            default:
                await context.Response.WriteAsync(finish());
                return;
        }
    }

    private const string MalformedBody = "{\"this is\": not json at all <html>";

    private sealed record Outage(DateTimeOffset Until, int Status);

    private static JsonObject OllamaLine(string model, string content, bool done, string? wholeAnswer)
    {
        var line = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = "2025-01-01T00:00:00.000000Z",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["done"] = done,
        };
        if (!done) return line;
        line["done_reason"] = "stop";
        line["total_duration"] = 123_000_000;
        line["load_duration"] = 1_000_000;
        line["prompt_eval_count"] = PromptTokens;
        line["prompt_eval_duration"] = 2_000_000;
        line["eval_count"] = OutputTokensOf(wholeAnswer ?? "");
        line["eval_duration"] = 100_000_000;
        return line;
    }

    private static JsonObject OpenAiChunk(string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static JsonObject Usage(string text) => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = OutputTokensOf(text),
        ["total_tokens"] = PromptTokens + OutputTokensOf(text),
    };

    private static string Sse(JsonObject data) => "data: " + data.ToJsonString() + "\n\n";

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}

using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/chat/completions</c> on loopback that answers at once with a fixed short completion
/// and its <c>usage</c>, plain or as server-sent events ending in <c>data: [DONE]</c> (with a usage chunk when
/// <c>stream_options.include_usage</c> is set). Answers are pre-encoded, so a request costs a body scan and one write:
/// whatever an arm adds over it is the arm's own cost.
/// </summary>
internal sealed class ZeroLatencyUpstream : IAsyncDisposable
{
    public const string Model = "zero-latency";

    /// <summary>The completion every request gets; split in two deltas when streamed, so clients must join them.</summary>
    public const string Text = "Hello from the zero-latency upstream.";

    private const string Usage = """{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}""";

    private static readonly byte[] _plain = Encoding.UTF8.GetBytes(
        $$"""{"id":"chatcmpl-bench","object":"chat.completion","created":1767225600,"model":"{{Model}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{Text}}"},"finish_reason":"stop"}],"usage":{{Usage}}}""");

    private static readonly byte[] _stream = Encoding.UTF8.GetBytes(Events(includeUsage: false));
    private static readonly byte[] _streamWithUsage = Encoding.UTF8.GetBytes(Events(includeUsage: true));

    private readonly WebApplication _app;

    private ZeroLatencyUpstream(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The base address OpenAI clients take (ends in <c>/v1</c>).</summary>
    public string BaseAddress => $"http://127.0.0.1:{Port}/v1";

    public static async Task<ZeroLatencyUpstream> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", AnswerAsync);
        await app.StartAsync();
        return new ZeroLatencyUpstream(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var (stream, includeUsage) = await ReadFlagsAsync(context.Request);
        var response = context.Response;
        byte[] body;
        if (stream)
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            body = includeUsage ? _streamWithUsage : _stream;
        }
        else
        {
            response.ContentType = "application/json";
            body = _plain;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Reads the whole body and finds the top-level <c>stream</c> and <c>stream_options.include_usage</c> flags.</summary>
    private static async Task<(bool Stream, bool IncludeUsage)> ReadFlagsAsync(HttpRequest request)
    {
        var pipe = request.BodyReader;
        while (true)
        {
            var read = await pipe.ReadAsync();
            if (read.IsCompleted || read.IsCanceled)
            {
                var flags = Scan(read.Buffer);
                pipe.AdvanceTo(read.Buffer.End);
                return flags;
            }
            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static (bool Stream, bool IncludeUsage) Scan(ReadOnlySequence<byte> body)
    {
        bool stream = false, includeUsage = false;
        var json = new Utf8JsonReader(body);
        try
        {
            while (json.Read())
            {
                if (json.TokenType != JsonTokenType.PropertyName) continue;
                if (json.CurrentDepth == 1 && json.ValueTextEquals("stream"u8))
                {
                    json.Read();
                    stream = json.TokenType == JsonTokenType.True;
                }
                else if (json.CurrentDepth == 2 && json.ValueTextEquals("include_usage"u8))
                {
                    json.Read();
                    includeUsage = json.TokenType == JsonTokenType.True;
                }
                else if (json.CurrentDepth == 1 && !json.ValueTextEquals("stream_options"u8))
                {
                    json.Read();
                    json.TrySkip(); // messages and the rest: nothing to look at inside
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: answered as a plain request, as a lenient server would.
        }
        return (stream, includeUsage);
    }

    private static string Events(bool includeUsage)
    {
        static string Chunk(string delta, string finish) =>
            $$"""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"{{Model}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":{{finish}}}]}""" + "\n\n";

        var half = Text.IndexOf(" zero", StringComparison.Ordinal);
        var events = new StringBuilder()
            .Append(Chunk("\"role\":\"assistant\",\"content\":\"\"", "null"))
            .Append(Chunk($"\"content\":\"{Text[..half]}\"", "null"))
            .Append(Chunk($"\"content\":\"{Text[half..]}\"", "null"))
            .Append(Chunk("", "\"stop\""));
        if (includeUsage)
            events.Append($$"""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"{{Model}}","choices":[],"usage":{{Usage}}}""" + "\n\n");
        return events.Append("data: [DONE]\n\n").ToString();
    }
}

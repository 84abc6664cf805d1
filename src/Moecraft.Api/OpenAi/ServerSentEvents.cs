using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Moecraft.Api.OpenAi;

/// <summary>Writes a stream as OpenAI does: <c>data: {json}</c> events, each flushed at once, ended by <c>data: [DONE]</c>.</summary>
public sealed class ServerSentEvents
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly HttpResponse _response;

    private ServerSentEvents(HttpResponse response) => _response = response;

    /// <summary>Sends the status and headers of an event stream; after this, failures can only be reported as events.</summary>
    public static async Task<ServerSentEvents> StartAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) would otherwise hold the events back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(response.HttpContext.RequestAborted);
        return new ServerSentEvents(response);
    }

    public async Task WriteAsync<T>(T value, JsonTypeInfo<T> type)
    {
        var cancel = _response.HttpContext.RequestAborted;
        await _response.Body.WriteAsync(DataPrefix, cancel);
        await JsonSerializer.SerializeAsync(_response.Body, value, type, cancel);
        await _response.Body.WriteAsync(EventEnd, cancel);
        await _response.Body.FlushAsync(cancel);
    }

    public async Task WriteDoneAsync()
    {
        await _response.Body.WriteAsync(Done, _response.HttpContext.RequestAborted);
        await _response.Body.FlushAsync(_response.HttpContext.RequestAborted);
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Moecraft.Api.OpenAi;

/// <summary>Reads a request body up to a limit: a declared length over it is refused before a byte is read, a longer stream as soon as it passes it.</summary>
public static class RequestBody
{
    /// <exception cref="OpenAiRequestException">413 when the body exceeds <paramref name="limit"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) throw new OpenAiRequestException(ApiFailure.TooLarge(limit));
        // The server's own limit for this request too, so a chunked body stops at the limit wherever it is read.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;

        var body = new ArrayBufferWriter<byte>(request.ContentLength is { } length ? (int)Math.Max(1, length) : 16 * 1024);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(body.GetMemory(16 * 1024), request.HttpContext.RequestAborted);
                if (read == 0) return body.WrittenMemory;
                body.Advance(read);
                if (body.WrittenCount > limit) throw new OpenAiRequestException(ApiFailure.TooLarge(limit));
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new OpenAiRequestException(ApiFailure.TooLarge(limit));
        }
    }
}

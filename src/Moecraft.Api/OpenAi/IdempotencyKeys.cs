using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// The <c>Idempotency-Key</c> header: a client that repeats a request with the same key (after a timeout or a dropped
/// connection) gets the first answer back and is charged once. The key becomes the request id, so the ledger's
/// one-line-per-tenant-and-request rule does the rest; it is hashed, so any well-formed key makes a well-formed id.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>The request id for this request: derived from its idempotency key, or new when it has none.</summary>
    /// <exception cref="OpenAiRequestException">The key is empty, too long, or not printable ASCII.</exception>
    public static string RequestIdOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Header, out var values)) return ChatCompletionRequestMapper.NewRequestId();
        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
            throw OpenAiRequestException.BadRequest(
                $"The {Header} header must be one value of 1 to {MaxLength} printable ASCII characters without spaces.", Header, "invalid_idempotency_key");
        return RequestIdFor(key);
    }

    /// <summary>The request id a well-formed idempotency key stands for (the same on every silo).</summary>
    public static string RequestIdFor(string key) =>
        "chatcmpl-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)))[..32];
}

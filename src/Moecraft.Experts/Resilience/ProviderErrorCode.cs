using System.ClientModel;
using System.Text.Json;

namespace Moecraft.Experts.Resilience;

/// <summary>
/// The machine-readable reason a provider gave for refusing a request: OpenAI's <c>error.code</c> (for example
/// <c>context_length_exceeded</c> or <c>content_filter</c>), read from the error body a failure carries.
/// </summary>
public static class ProviderErrorCode
{
    /// <summary>Longest code passed on; anything longer is not a code.</summary>
    public const int MaxLength = 100;

    /// <summary>The provider's error code, or null when the failure carries none.</summary>
    public static string? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ClientResultException result) return FromBody(BodyOf(result));
        }
        return null;
    }

    /// <summary>Reads <c>error.code</c> (or a top-level <c>code</c>) from an OpenAI-shaped error body; null when there is none.</summary>
    public static string? FromBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var holder = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error : root;
            return holder.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= MaxLength } text && text.All(IsCodeCharacter)
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? BodyOf(ClientResultException result)
    {
        try
        {
            return result.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            return null; // a streamed response whose body was not buffered
        }
    }

    private static bool IsCodeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}

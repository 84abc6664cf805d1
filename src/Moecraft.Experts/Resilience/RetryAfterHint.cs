using System.ClientModel;
using System.Globalization;

namespace Moecraft.Experts.Resilience;

/// <summary>
/// The wait a backend asked for before the next request: HTTP <c>Retry-After</c> (delta-seconds or an HTTP date) or
/// OpenAI's <c>retry-after-ms</c>, read from the failed answer an exception carries.
/// </summary>
public static class RetryAfterHint
{
    /// <summary>Key under which <see cref="Http.HttpStatusErrorHandler"/> keeps a <c>Retry-After</c> header in <see cref="Exception.Data"/>.</summary>
    public const string DataKey = "Retry-After";

    /// <summary>Longest hint taken at its word; a longer one (a day, a date years ahead) is treated as this long.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait the backend asked for, or null when the failure carries no hint.</summary>
    public static TimeSpan? Of(Exception exception, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ClientResultException result when result.GetRawResponse() is { } response:
                    if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds) && ParseMilliseconds(milliseconds) is { } ms) return ms;
                    if (response.Headers.TryGetValue("Retry-After", out var header)) return Parse(header, now);
                    return null;
                case HttpRequestException when e.Data[DataKey] is string kept:
                    return Parse(kept, now);
            }
        }
        return null;
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta-seconds or an HTTP date; null when it is neither. Never negative, at most <see cref="Longest"/>.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            return Clamp(seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds));
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return Clamp(date - now);
        return null;
    }

    private static TimeSpan? ParseMilliseconds(string? value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)
            ? Clamp(ms >= Longest.TotalMilliseconds ? Longest : TimeSpan.FromMilliseconds(ms))
            : null;

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > Longest ? Longest : delay;
}

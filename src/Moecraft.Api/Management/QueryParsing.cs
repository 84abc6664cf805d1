using System.Globalization;

namespace Moecraft.Api.Management;

/// <summary>Query-string values the management endpoints parse themselves, so a bad value is a 400 that says which and why.</summary>
public static class QueryParsing
{
    /// <summary>[from, to) from ISO 8601 times, else the last <paramref name="days"/> days up to now.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, int? days, DateTimeOffset now, int defaultDays = 30)
    {
        var end = to is null ? now : Time(to, "to");
        var span = days ?? defaultDays;
        if (span is < 1 or > 3660) throw ManagementProblem.BadRequest($"days must be 1 to 3660 (got {span}).");
        var start = from is null ? end.AddDays(-span) : Time(from, "from");
        if (start >= end) throw ManagementProblem.BadRequest($"from ({start:O}) must be before to ({end:O}).");
        return (start, end);
    }

    public static DateTimeOffset Time(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw ManagementProblem.BadRequest($"{name} must be an ISO 8601 time such as 2026-03-14T00:00:00Z (got '{value}').");

    /// <summary>A UTC day <c>yyyy-MM-dd</c>, today when absent.</summary>
    public static DateOnly Day(string? value, DateTimeOffset now) =>
        value is null
            ? DateOnly.FromDateTime(now.UtcDateTime)
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw ManagementProblem.BadRequest($"day must be yyyy-MM-dd (got '{value}').");

    public static int Within(int? value, int fallback, int min, int max, string name)
    {
        var chosen = value ?? fallback;
        return chosen >= min && chosen <= max ? chosen : throw ManagementProblem.BadRequest($"{name} must be {min} to {max} (got {chosen}).");
    }

    /// <summary>An enum value by its name, case-insensitive and with '-' or '_' ignored (<c>apply-prune</c> = <c>ApplyPrune</c>).</summary>
    public static TEnum Enum<TEnum>(string? value, string name) where TEnum : struct, Enum
    {
        var names = System.Enum.GetNames<TEnum>();
        var key = (value ?? "").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase)) return System.Enum.Parse<TEnum>(candidate);
        }
        throw ManagementProblem.BadRequest($"{name} must be one of {string.Join(", ", names.Select(Name))} (got '{value}').");
    }

    /// <summary>The wire name of an enum value: lower-case words joined by '-' (<c>ApplyPrune</c> -> <c>apply-prune</c>).</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Name(value.ToString());

    private static string Name(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) builder.Append('-');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }
        return builder.ToString();
    }
}

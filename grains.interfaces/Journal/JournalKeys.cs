using System.Globalization;

namespace Moecraft.Journal;

/// <summary>Journal grain keys: <c>{node}/{yyyy-MM-dd}</c>, one journal per node and UTC day.</summary>
public static class JournalKeys
{
    public const string DayFormat = "yyyy-MM-dd";

    public static string For(string node, DateOnly day)
    {
        ValidateNode(node);
        return $"{node}/{day.ToString(DayFormat, CultureInfo.InvariantCulture)}";
    }

    public static string For(string node, DateTimeOffset time) => For(node, DateOnly.FromDateTime(time.UtcDateTime));

    /// <exception cref="ArgumentException">Not of the form <c>{node}/{yyyy-MM-dd}</c>.</exception>
    public static (string Node, DateOnly Day) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !DateOnly.TryParseExact(key[(slash + 1)..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new ArgumentException($"Journal key '{key}' is not '{{node}}/{{yyyy-MM-dd}}'.", nameof(key));
        var node = key[..slash];
        ValidateNode(node);
        return (node, day);
    }

    /// <exception cref="ArgumentException">Empty, over 128 characters, not well-formed text (<see cref="Identifiers"/>), or containing '/'.</exception>
    public static void ValidateNode(string node)
    {
        Identifiers.Validate(node, "node name", nameof(node));
        if (node.Contains('/')) throw new ArgumentException($"Node name '{node}' must not contain '/'.", nameof(node));
    }
}

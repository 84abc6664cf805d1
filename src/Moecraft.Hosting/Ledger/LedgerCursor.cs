using System.Globalization;

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// A position in a tenant's history: (timestamp ticks, row id), the order pages are read in. Its text form is the opaque
/// <c>NextCursor</c> of a history page; it holds no tenant, so a cursor can never widen a query beyond its tenant.
/// </summary>
public readonly record struct LedgerCursor(long TimestampTicks, long Id)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{TimestampTicks}-{Id}");

    /// <summary>Reads a cursor written by <see cref="Format"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static LedgerCursor Parse(string cursor)
    {
        var parts = cursor?.Split('-') ?? [];
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new LedgerCursor(ticks, id);
        }
        throw new ArgumentException($"'{cursor}' is not a ledger history cursor; pass the NextCursor of a previous page.", nameof(cursor));
    }
}

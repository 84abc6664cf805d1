namespace Moecraft.Ledger;

/// <summary>What committing a <see cref="Settlement"/> did.</summary>
/// <param name="Written">True when this settlement was stored; false when its key was already taken.</param>
/// <param name="Existing">The line stored earlier under the same tenant and request id, when <paramref name="Written"/> is false and one exists.</param>
public sealed record LedgerCommit(bool Written, LedgerEntry? Existing)
{
    public static readonly LedgerCommit Stored = new(true, null);
}

using System.Collections.Immutable;

namespace Moecraft.Audit;

/// <summary>
/// The audit entries of a grain's changes that are not yet known to be in the log. A grain stores it as part of its own
/// state, so a change and its entry are written together (see <see cref="AuditOutbox"/>). A persisted contract: never
/// reorder or reuse the ids.
/// </summary>
/// <param name="Pending">Records waiting for the log, oldest first; they go to the log in this order.</param>
/// <param name="LastSequence">
/// The log sequence of the last entry this outbox delivered (0 before the first): a pending record, once appended, lies
/// after it, so that is where a replay looks for it.
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditOutboxState")]
public sealed record AuditOutboxState([property: Id(0)] ImmutableArray<AuditRecord> Pending, [property: Id(1)] long LastSequence)
{
    public static AuditOutboxState Empty { get; } = new([], 0);

    public bool IsEmpty => Pending.IsDefaultOrEmpty;

    /// <summary>This outbox with <paramref name="record"/> waiting after the others.</summary>
    public AuditOutboxState With(AuditRecord record) => this with { Pending = (Pending.IsDefault ? [] : Pending).Add(record) };

    /// <summary>This outbox without its first <paramref name="count"/> records, which are in the log up to <paramref name="lastSequence"/>.</summary>
    public AuditOutboxState Delivered(int count, long lastSequence) =>
        new(Pending.RemoveRange(0, count), Math.Max(LastSequence, lastSequence));
}

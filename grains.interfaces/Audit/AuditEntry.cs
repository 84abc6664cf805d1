namespace Moecraft.Audit;

/// <summary>One entry of a hash-chained audit log: <c>Hash = SHA-256(canonical(entry without Hash))</c>.</summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="Timestamp">When it was appended, Unix milliseconds.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Payload">Details, canonical JSON.</param>
/// <param name="PreviousHash">Lower-case hex hash of entry Sequence - 1; 64 zeros for entry 1.</param>
/// <param name="Hash">Lower-case hex SHA-256 of this entry's canonical bytes.</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditEntry")]
public sealed record AuditEntry(long Sequence, long Timestamp, string Kind, string Actor, string Payload, string PreviousHash, string Hash);

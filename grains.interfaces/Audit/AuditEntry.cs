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
public sealed record AuditEntry([Id(0)] long Sequence, [Id(1)] long Timestamp, [Id(2)] string Kind, [Id(3)] string Actor, [Id(4)] string Payload, [Id(5)] string PreviousHash, [Id(6)] string Hash);

namespace Moecraft.Audit.Verification;

/// <summary>One audit log entry as the chain format sees it (SPEC 5.4).</summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="Timestamp">When it was appended, Unix milliseconds (a claim of the appending node).</param>
/// <param name="Kind">What happened, e.g. <c>kernel.commit</c>.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Payload">Details as a canonical JSON object.</param>
/// <param name="PreviousHash">Lower-case hex SHA-256 of the previous entry; 64 zeros for entry 1.</param>
/// <param name="Hash">Lower-case hex SHA-256 of this entry's canonical bytes without the hash itself.</param>
public sealed record ChainEntry(long Sequence, long Timestamp, string Kind, string Actor, string Payload, string PreviousHash, string Hash);

namespace Moecraft.Audit.Verification;

/// <summary>
/// A signed statement that log <paramref name="LogId"/> had <paramref name="Size"/> entries ending in <paramref name="HeadHash"/>:
/// a periodic checkpoint (signed as <see cref="AuditChain.CheckpointType"/>), or the seal an export ends with (the same
/// fields, signed as <see cref="AuditChain.SealType"/>).
/// </summary>
/// <param name="LogId">The log.</param>
/// <param name="Size">Entries covered: sequences 1 to Size.</param>
/// <param name="HeadHash">Hash of entry Size (64 zeros for an empty log).</param>
/// <param name="Timestamp">When it was signed, Unix milliseconds.</param>
/// <param name="NodeId">The signing node (its public key, base64url).</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature of <see cref="AuditChain.CheckpointBody"/> (of <see cref="AuditChain.SealBody"/> for a seal).</param>
public sealed record ChainCheckpoint(string LogId, long Size, string HeadHash, long Timestamp, string NodeId, string Signature);

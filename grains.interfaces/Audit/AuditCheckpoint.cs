namespace Moecraft.Audit;

/// <summary>A node's signed statement of a log's size and head hash at a time.</summary>
/// <param name="LogId">The log.</param>
/// <param name="Size">Entries covered: sequences 1 to Size.</param>
/// <param name="HeadHash">Hash of entry Size (64 zeros when Size is 0).</param>
/// <param name="Timestamp">When it was signed, Unix milliseconds.</param>
/// <param name="NodeId">The signing node: unpadded base64url of its Ed25519 public key.</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature of the canonical (type, log, size, head, ts, node).</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditCheckpoint")]
public sealed record AuditCheckpoint([Id(0)] string LogId, [Id(1)] long Size, [Id(2)] string HeadHash, [Id(3)] long Timestamp, [Id(4)] string NodeId, [Id(5)] string Signature);

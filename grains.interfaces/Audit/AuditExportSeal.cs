namespace Moecraft.Audit;

/// <summary>
/// A node's signed statement, made when an export is written, that log <paramref name="LogId"/>'s entry
/// <paramref name="Size"/> hashes to <paramref name="HeadHash"/>: the last line of an export file. Signed under its own
/// type (<c>moecraft.audit.export.v1</c>), so a file cut after a periodic checkpoint cannot pass for a whole export.
/// </summary>
/// <param name="LogId">The log.</param>
/// <param name="Size">Entries the export holds: sequences 1 to Size.</param>
/// <param name="HeadHash">Hash of entry Size.</param>
/// <param name="Timestamp">When it was signed, Unix milliseconds.</param>
/// <param name="NodeId">The signing node: unpadded base64url of its Ed25519 public key.</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature of the canonical (type, log, size, head, ts, node).</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditExportSeal")]
public sealed record AuditExportSeal(
    [property: Id(0)] string LogId,
    [property: Id(1)] long Size,
    [property: Id(2)] string HeadHash,
    [property: Id(3)] long Timestamp,
    [property: Id(4)] string NodeId,
    [property: Id(5)] string Signature);

using Moecraft.Audit;

namespace Moecraft.Client;

/// <summary>An audit log as read by <see cref="MoecraftClient.ExportAuditAsync"/>: every entry in order and every checkpoint.</summary>
/// <param name="LogId">The log.</param>
/// <param name="Entries">Entries from seq 1, in order.</param>
/// <param name="Checkpoints">Signed checkpoints, smallest size first; read before the entries, so none is ahead of them.</param>
public sealed record AuditExport(string LogId, IReadOnlyList<AuditEntry> Entries, IReadOnlyList<AuditCheckpoint> Checkpoints);

using Moecraft.Audit;

namespace Moecraft.Client;

/// <summary>An audit log as read by <see cref="MoecraftClient.ExportAuditAsync"/>: every entry in order, every checkpoint, and what to trust.</summary>
/// <param name="LogId">The log.</param>
/// <param name="Entries">Entries from seq 1, in order.</param>
/// <param name="Checkpoints">Signed checkpoints, smallest size first; read before the entries, so none is ahead of them.</param>
/// <param name="Trust">The cluster's node ids and the checkpoints of the log its peers witnessed; read first of all, so no witness is ahead of the entries either.</param>
public sealed record AuditExport(string LogId, IReadOnlyList<AuditEntry> Entries, IReadOnlyList<AuditCheckpoint> Checkpoints, AuditTrust Trust)
{
    /// <summary>The stored checkpoints and the witnessed ones: everything signed the entries must agree with.</summary>
    public IReadOnlyList<AuditCheckpoint> SignedCheckpoints => [.. Checkpoints, .. Trust.Witnessed];
}

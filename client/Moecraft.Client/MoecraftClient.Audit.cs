using Moecraft.Audit;

namespace Moecraft.Client;

// Audit: reading a log whole with what to trust, for verification or export, and sealing an export.
public sealed partial class MoecraftClient
{
    /// <summary>
    /// Reads a whole audit log for verification or export: first what to trust (the cluster's node ids and the checkpoints
    /// its peers witnessed), then its checkpoints, then every entry up to the head, so a log growing meanwhile never shows
    /// a signed size ahead of the entries read. <paramref name="progress"/>, when given, hears after every page read.
    /// </summary>
    public async Task<AuditExport> ExportAuditAsync(
        string logId = AuditLogs.Cluster, CancellationToken cancellationToken = default, IProgress<AuditReadProgress>? progress = null)
    {
        const int page = 1000;
        Identifiers.Validate(logId, "audit log id", nameof(logId));
        var trust = await GetAuditTrustAsync(logId, cancellationToken);
        var log = Cluster.GetGrain<IAuditLogGrain>(logId);
        var checkpoints = await log.GetCheckpoints().WaitAsync(cancellationToken);
        // Only for the progress: the head read here may already be behind when the last page is read.
        var total = progress is null ? 0 : (await log.GetHead().WaitAsync(cancellationToken)).Size;
        var entries = new List<AuditEntry>();
        while (true)
        {
            var batch = await log.Read(entries.Count + 1, page).WaitAsync(cancellationToken);
            entries.AddRange(batch);
            progress?.Report(new AuditReadProgress(entries.Count, Math.Max(total, entries.Count)));
            if (batch.Length < page) break;
        }
        return new AuditExport(logId, entries, checkpoints, trust);
    }

    /// <summary>
    /// What an audit log is verified against: the node ids the cluster knows (its nodes' keys, as federation records them)
    /// and the checkpoints of <paramref name="logId"/> its peers witnessed in heartbeats.
    /// </summary>
    public Task<AuditTrust> GetAuditTrustAsync(string logId = AuditLogs.Cluster, CancellationToken cancellationToken = default) =>
        Cluster.GetGrain<IAuditTrustGrain>(0).GetTrust(logId).WaitAsync(cancellationToken);

    /// <summary>
    /// Has the cluster sign the seal an export file of <paramref name="export"/> ends with: over its last entry, as the
    /// log holds it now. Verify the export first: the seal vouches for what it covers.
    /// </summary>
    /// <exception cref="ArgumentException">The export holds no entries; nothing was sealed.</exception>
    /// <exception cref="InvalidOperationException">The log's entry changed since it was read; export again.</exception>
    public async Task<AuditExportSeal> SealAuditExportAsync(AuditExport export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.Entries.Count == 0) throw new ArgumentException($"Audit log '{export.LogId}' has no entries: there is nothing to export.", nameof(export));
        var seal = await Cluster.GetGrain<IAuditLogGrain>(export.LogId).SealExport(export.Entries.Count).WaitAsync(cancellationToken);
        return seal.HeadHash == export.Entries[^1].Hash
            ? seal
            : throw new InvalidOperationException($"Entry {seal.Size} of audit log '{export.LogId}' changed while it was exported; nothing was written. Verify the log.");
    }
}

using Moecraft.Audit;

namespace Moecraft.Tests.Keepers;

/// <summary>Reads the shared cluster audit log for one keeper's lines (every test of a cluster appends to the same log).</summary>
internal static class KeeperAudit
{
    public static async Task<AuditEntry[]> EntriesOfAsync(IGrainFactory grains, string keeperKey)
    {
        var audit = grains.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var head = await audit.GetHead();
        var entries = new List<AuditEntry>();
        for (long from = 1; from <= head.Size; from += 1000) entries.AddRange(await audit.Read(from, 1000));
        return [.. entries.Where(e => e.Payload.Contains($"\"keeper\":\"{keeperKey}\"", StringComparison.Ordinal))];
    }
}

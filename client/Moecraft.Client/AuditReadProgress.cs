namespace Moecraft.Client;

/// <summary>How far <see cref="MoecraftClient.ExportAuditAsync"/> has read: <paramref name="Read"/> entries of the <paramref name="Total"/> the log held when reading began (a growing log may end with more).</summary>
public readonly record struct AuditReadProgress(long Read, long Total);

namespace Moecraft.Client;

/// <summary>One silo of the cluster: node name, address, membership status and start time.</summary>
public sealed record SiloInfo(string Name, string Address, string Status, DateTime StartTime);

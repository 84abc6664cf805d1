namespace Moecraft.Federation;

/// <summary>A packet as a node holds it: who delivered it first and when.</summary>
/// <param name="ReceivedFrom">Node name of the first deliverer (the origin's own name for its own packets).</param>
/// <param name="ReceivedAt">Unix milliseconds of first receipt.</param>
[GenerateSerializer, Immutable, Alias("moecraft.StoredPacket")]
public sealed record StoredPacket([Id(0)] KnowledgePacket Packet, [Id(1)] string ReceivedFrom, [Id(2)] long ReceivedAt);

using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>A delta batch of at most <see cref="MaxPackets"/> packets a peer serves after a clock (SPEC 6).</summary>
/// <param name="More">More packets are waiting after this batch.</param>
[GenerateSerializer, Immutable, Alias("moecraft.PacketBatch")]
public sealed record PacketBatch([Id(0)] ImmutableArray<KnowledgePacket> Packets, [Id(1)] bool More)
{
    public const int MaxPackets = 100;
}

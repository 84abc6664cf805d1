using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Federation;

/// <summary>
/// How this node's peer link grain reaches another node: a grain call for a node of this cluster (<see cref="GrainPeerChannel"/>),
/// a signed HTTP request to the federation surface for a node of another cluster (<see cref="HttpPeerChannel"/>). Either
/// way the other node's peer grain answers with the same code, so tiers, verification and feeds have one implementation.
/// </summary>
internal interface IPeerChannel
{
    Task<PeerManifest> ExchangeManifest(PeerManifest ours);

    Task Heartbeat(Heartbeat heartbeat);

    Task<PacketBatch> Pull(ImmutableArray<FeedPosition> clock, int max);

    Task<ImmutableArray<KnowledgePacket>> GetPackets(ImmutableArray<string> ids);

    Task<ExpertAnswer> QueryExpert(string expertId, ExpertRequest request);
}

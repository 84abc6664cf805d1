using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Federation;

/// <summary>A node of this cluster: its peer grain, called as <paramref name="self"/>.</summary>
internal sealed class GrainPeerChannel(IFederationPeerGrain peer, string self) : IPeerChannel
{
    public Task<PeerManifest> ExchangeManifest(PeerManifest ours) => peer.ExchangeManifest(ours);

    public Task Heartbeat(Heartbeat heartbeat) => peer.Heartbeat(heartbeat);

    public Task<PacketBatch> Pull(ImmutableArray<FeedPosition> clock, int max) => peer.Pull(self, clock, max);

    public Task<ImmutableArray<KnowledgePacket>> GetPackets(ImmutableArray<string> ids) => peer.GetPackets(self, ids);

    public Task<ExpertAnswer> QueryExpert(string expertId, ExpertRequest request) => peer.QueryExpert(self, expertId, request);
}

using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Federation;

/// <summary>A node of another cluster: signed requests to its federation surface at <paramref name="address"/>, as <paramref name="self"/>.</summary>
internal sealed class HttpPeerChannel(FederationHttp http, string self, string peerName, Uri address) : IPeerChannel
{
    public Task<PeerManifest> ExchangeManifest(PeerManifest ours) =>
        http.SendAsync<PeerManifest, PeerManifest>(self, peerName, address, FederationWire.Manifest, ours);

    public Task Heartbeat(Heartbeat heartbeat) =>
        http.SendAsync(self, peerName, address, FederationWire.Heartbeat, heartbeat);

    public Task<PacketBatch> Pull(ImmutableArray<FeedPosition> clock, int max) =>
        http.SendAsync<PullBody, PacketBatch>(self, peerName, address, FederationWire.Pull, new PullBody(clock, max));

    public async Task<ImmutableArray<KnowledgePacket>> GetPackets(ImmutableArray<string> ids) =>
        (await http.SendAsync<PacketIdsBody, PacketsBody>(self, peerName, address, FederationWire.Packets, new PacketIdsBody(ids))).Packets;

    public Task<ExpertAnswer> QueryExpert(string expertId, ExpertRequest request) =>
        http.SendAsync<ExpertQueryBody, ExpertAnswer>(self, peerName, address, FederationWire.Query(expertId), new ExpertQueryBody(request));
}

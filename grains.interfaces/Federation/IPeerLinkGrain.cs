using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// A node's calls to other nodes (SPEC 6; key: the node name, placed on that node's silo, where its key signs): manifest
/// exchanges, heartbeats, pulls, dependency fetches and expert queries, each over the channel the peer is reached by.
/// It holds no state and every call interleaves, so no grain's turn waits while another node answers. Called by the
/// node's <see cref="IFederationPeerGrain"/>, which checks that federation is enabled first.
/// </summary>
[Alias("moecraft.IPeerLinkGrain")]
public interface IPeerLinkGrain : IGrainWithStringKey
{
    /// <summary>See <see cref="IFederationPeerGrain.DiscoverPeers"/>.</summary>
    [Alias("DiscoverPeers")]
    Task<ImmutableArray<PeerInfo>> DiscoverPeers();

    /// <summary>See <see cref="IFederationPeerGrain.AddPeer"/>.</summary>
    [Alias("AddPeer")]
    Task<PeerInfo> AddPeer(string address);

    /// <summary>See <see cref="IFederationPeerGrain.SendHeartbeats"/>.</summary>
    [Alias("SendHeartbeats")]
    Task<int> SendHeartbeats();

    /// <summary>See <see cref="IFederationPeerGrain.SyncFrom"/>.</summary>
    [Alias("SyncFrom")]
    Task<SyncReport> SyncFrom(string peerName);

    /// <summary>
    /// Stores a batch <paramref name="sender"/> pushed (<see cref="IKnowledgeSyncGrain.Ingest"/>), fetching from the sender
    /// the dependencies this node does not hold.
    /// </summary>
    [Alias("Ingest")]
    Task<SyncReport> Ingest(string sender, ImmutableArray<KnowledgePacket> packets);

    /// <summary>See <see cref="IFederationPeerGrain.AskPeerExpert"/>.</summary>
    [Alias("AskPeerExpert"), ResponseTimeout(Experts.ModelCalls.ResponseTimeout)]
    Task<Experts.ExpertAnswer> AskPeerExpert(string peerName, string expertId, Experts.ExpertRequest request);
}

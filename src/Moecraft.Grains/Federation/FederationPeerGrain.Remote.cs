namespace Moecraft.Federation;

/// <summary>
/// Nodes of other clusters (sovereign nodes): added by the address of their federation surface, reached by signed HTTP
/// requests (<see cref="HttpPeerChannel"/>), and answered through the same methods as nodes of this cluster; the HTTP
/// surface has authenticated the caller as the key its manifest names before any of them runs.
/// </summary>
public sealed partial class FederationPeerGrain
{
    public async Task<PeerInfo> AddPeer(string address)
    {
        RequireEnabled();
        var uri = PeerAddresses.Parse(address);
        // Verified before anything else happens: a manifest that fails here leaves no row and sends nothing more.
        var theirs = await http.GetManifestAsync(uri);
        var recorded = await RecordManifestAsync(theirs, expectedName: null, remote: true, address: uri.ToString());
        LogPeerAdded(logger, Node, recorded.Name, recorded.NodeId, uri.ToString());
        try
        {
            // Introduce this node: the peer records it (UNKNOWN there until its operator decides) and answers its manifest again.
            var again = await Channel(recorded.Name).ExchangeManifest(OwnManifest());
            recorded = await RecordManifestAsync(again, expectedName: recorded.Name, remote: true, address: uri.ToString());
        }
        catch (Exception ex) when (ex is FederationRefusedException or HttpRequestException or TimeoutException)
        {
            // The peer is recorded either way; it may not take our manifest yet (its own rules), which the log says.
            LogIntroductionFailed(logger, ex, Node, recorded.Name);
        }
        return Info(recorded, NowMs);
    }

    public async Task<PeerManifest> ExchangeRemoteManifest(PeerManifest manifest)
    {
        RequireEnabled();
        await RecordManifestAsync(manifest, expectedName: null, remote: true, address: null);
        return OwnManifest();
    }

    /// <summary>How to reach a peer: a grain call within the cluster, a signed HTTP request to another cluster.</summary>
    private IPeerChannel Channel(string peerName)
    {
        var peer = RequirePeer(peerName);
        if (!peer.Remote) return new GrainPeerChannel(GrainFactory.GetGrain<IFederationPeerGrain>(peer.Name), Node);
        if (peer.Address is null)
            throw Refused($"Peer '{peer.Name}' is a node of another cluster that node '{Node}' has no address for; add it with 'moecraft peers add URL'.");
        return new HttpPeerChannel(http, Node, peer.Name, new Uri(peer.Address));
    }
}

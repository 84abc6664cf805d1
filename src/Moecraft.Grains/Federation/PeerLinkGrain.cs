using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Identity;
using Orleans.Concurrency;

namespace Moecraft.Federation;

/// <summary>
/// A node's calls to other nodes (SPEC 6), keyed by node name and pinned to that node's silo, whose key signs: manifest
/// exchanges (discovery within the cluster, nodes of other clusters added by address), heartbeats, pulls, the dependencies
/// of a received batch, and queries to peers' experts. Each goes over the channel the peer is reached by
/// (<see cref="IPeerChannel"/>); what comes back goes to the node's <see cref="PeerTableGrain"/> and
/// <see cref="KnowledgeSyncGrain"/>, which verify it and decide.
/// <para>
/// It holds no state, so every call interleaves ([Reentrant]): two nodes discovering, heartbeating or syncing each other at
/// once never wait on each other, and no grain's turn is held while another node answers. A sync stores each batch before
/// it pulls the next, so a peer lost mid-sync costs only the batch in flight.
/// </para>
/// </summary>
[GrainType("federation-peer-link")]
[NodePlacement]
[Reentrant]
public sealed class PeerLinkGrain(
    INodeSigner signer,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    FederationSettings settings,
    FederationHttp http,
    [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time,
    ILogger<PeerLinkGrain> logger) : Grain, IPeerLinkGrain
{
    private string Node => this.GetPrimaryKeyString();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    // References kept: Orleans resolves a grain interface's type by reflection on every GetGrain, and sync asks per batch.
    private IPeerTableGrain? _table;
    private IKnowledgeSyncGrain? _knowledge;

    private IPeerTableGrain Table => _table ??= GrainFactory.GetGrain<IPeerTableGrain>(Node);

    private IKnowledgeSyncGrain Knowledge => _knowledge ??= GrainFactory.GetGrain<IKnowledgeSyncGrain>(Node);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        NodeSilo.Require(Node, silo, "peer link");
        return Task.CompletedTask;
    }

    public async Task<ImmutableArray<PeerInfo>> DiscoverPeers()
    {
        var ours = settings.Manifest(signer, Node, NowMs);
        var names = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && m.Name != Node && PeerNames.Problem(m.Name) is null)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        await Task.WhenAll(names.Select(name => ExchangeWithAsync(name, ours)));
        return await Table.GetPeers();
    }

    public async Task<PeerInfo> AddPeer(string address)
    {
        var uri = PeerAddresses.Parse(address);
        // Verified before anything else happens: a manifest that fails here leaves no row and sends nothing more.
        var theirs = await http.GetManifestAsync(uri);
        var recorded = await Table.RecordManifest(theirs, expectedName: null, remote: true, address: uri.ToString());
        FederationLog.PeerAdded(logger, Node, recorded.Name, recorded.NodeId, uri.ToString());
        try
        {
            // Introduce this node: the peer records it (UNKNOWN there until its operator decides) and answers its manifest again.
            var again = await Channel(recorded).ExchangeManifest(settings.Manifest(signer, Node, NowMs));
            recorded = await Table.RecordManifest(again, expectedName: recorded.Name, remote: true, address: uri.ToString());
        }
        catch (Exception ex) when (ex is FederationRefusedException or HttpRequestException or TimeoutException)
        {
            // The peer is recorded either way; it may not take our manifest yet (its own rules), which the log says.
            FederationLog.IntroductionFailed(logger, ex, Node, recorded.Name);
        }
        return recorded;
    }

    public async Task<int> SendHeartbeats()
    {
        var clock = await Knowledge.GetClock();
        var checkpoints = await GrainFactory.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).GetCheckpoints();
        var checkpoint = checkpoints.IsDefaultOrEmpty ? null : checkpoints[^1];
        // Targets read after the awaits, so a demotion made meanwhile is honoured.
        var targets = (await Table.GetPeers()).Where(p => TierMatrix.Decide(FederationAction.Heartbeat, p.Tier) == FederationDecision.Allowed).ToList();
        if (targets.Count == 0) return 0;

        var heartbeat = HeartbeatFactory.Create(signer, Node, ClockDigest.Of(clock), checkpoint, NowMs);
        var accepted = await Task.WhenAll(targets.Select(async peer =>
        {
            try
            {
                await Channel(peer).Heartbeat(heartbeat);
                return true;
            }
            catch (Exception ex)
            {
                FederationLog.HeartbeatFailed(logger, ex, Node, peer.Name);
                return false;
            }
        }));
        return accepted.Count(a => a);
    }

    public async Task<SyncReport> SyncFrom(string peerName)
    {
        var peer = await RequirePeerAsync(peerName);
        var remote = Channel(peer);
        var progress = new SyncProgress(peerName);
        var clock = await Knowledge.GetClock();
        Task<PacketBatch>? pull = PullAsync(remote, peerName, clock);
        try
        {
            while (true)
            {
                var batch = await pull;
                pull = null;
                if (!progress.Pulled(batch)) break;
                var expected = SyncProgress.ClockAfter(clock, batch);
                // The next batch is asked for while this one is stored (the peer serves as this node stores); each batch is
                // stored before the sync goes on to the next, so a peer lost mid-sync costs only the batches in flight. A
                // pull still in flight when the sync ends, or fails, is forgotten below.
                pull = batch.More ? PullAsync(remote, peerName, expected) : null;
                var stored = await IngestAsync(peerName, remote, batch.Packets, pulledByGrainCall: !peer.Remote);
                progress.Stored(batch, stored);
                if (progress.Done) break;
                if (pull is not null && SyncProgress.StoredWhole(batch, stored)) clock = expected;
                else
                {
                    // Something of the batch was not stored: ask again after the clock as stored.
                    Forget(pull);
                    clock = await Knowledge.GetClock();
                    pull = PullAsync(remote, peerName, clock);
                }
            }
        }
        finally
        {
            Forget(pull);
        }
        var report = progress.Report(await Knowledge.GetClock());
        FederationLog.Synced(logger, Node, peerName, report.Batches, report.Accepted, report.Quarantined, report.Duplicates, report.Rejected.Length);
        return report;
    }

    public Task<SyncReport> Ingest(string sender, ImmutableArray<KnowledgePacket> packets) => IngestAsync(sender, remote: null, packets, pulledByGrainCall: false);

    public async Task<ExpertAnswer> AskPeerExpert(string peerName, string expertId, ExpertRequest request)
    {
        var peer = await RequirePeerAsync(peerName);
        if (ExpertOffers.NotAskable(peer, expertId) is { } refusal) throw FederationLog.Refuse(logger, Node, refusal);
        return await Channel(peer).QueryExpert(expertId, request);
    }

    private async Task ExchangeWithAsync(string name, PeerManifest ours)
    {
        try
        {
            var theirs = await GrainFactory.GetGrain<IFederationPeerGrain>(name).ExchangeManifest(ours);
            await Table.RecordManifest(theirs, expectedName: name, remote: false, address: null);
        }
        catch (Exception ex)
        {
            // One node that cannot be reached or answers badly does not keep the others from being discovered.
            FederationLog.ExchangeFailed(logger, ex, Node, name);
        }
    }

    /// <summary>
    /// Stores a batch the peer sent; when packets of it depend on packets this node does not hold, fetches those from the
    /// sender first (over <paramref name="remote"/>, or the peer's channel). A sender that cannot serve them (not reachable,
    /// or it does not rate this node CORE) leaves the dependent packets waiting. <paramref name="pulledByGrainCall"/>: the
    /// batch was pulled from a node of this cluster, which the knowledge grain may check for form only (<see cref="InClusterPulls"/>).
    /// </summary>
    private async Task<SyncReport> IngestAsync(string peerName, IPeerChannel? remote, ImmutableArray<KnowledgePacket> packets, bool pulledByGrainCall)
    {
        var result = pulledByGrainCall ? await Knowledge.IngestPulled(peerName, packets) : await Knowledge.Ingest(peerName, packets);
        if (result.Report is { } report) return report;
        ImmutableArray<KnowledgePacket> fetched = [];
        try
        {
            fetched = await (remote ?? Channel(await RequirePeerAsync(peerName))).GetPackets(result.MissingDependencies);
        }
        catch (Exception e) when (e is FederationRefusedException or OrleansException or TimeoutException or HttpRequestException)
        {
            FederationLog.DependencyFetchFailed(logger, e, Node, peerName, result.MissingDependencies.Length);
        }
        return (pulledByGrainCall
            ? await Knowledge.IngestPulledWithDependencies(peerName, packets, fetched)
            : await Knowledge.IngestWithDependencies(peerName, packets, fetched)).Report!;
    }

    /// <summary>The next batch after <paramref name="clock"/>, asked for only while this node still takes packets from the peer.</summary>
    private async Task<PacketBatch> PullAsync(IPeerChannel remote, string peerName, ImmutableArray<FeedPosition> clock)
    {
        FederationLog.Require(logger, await TrustAsync(), peerName, FederationAction.SendPackets);
        return await remote.Pull(clock, PacketBatch.MaxPackets);
    }

    /// <summary>A pull whose batch is not wanted any more: its failure, if it fails, is nobody's to report.</summary>
    private static void Forget(Task<PacketBatch>? pull) =>
        pull?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>How to reach a peer: a grain call within the cluster, a signed HTTP request to another cluster.</summary>
    private IPeerChannel Channel(PeerInfo peer)
    {
        if (!peer.Remote) return new GrainPeerChannel(GrainFactory.GetGrain<IFederationPeerGrain>(peer.Name), Node);
        if (peer.Address is null)
            throw FederationLog.Refuse(logger, Node,
                $"Peer '{peer.Name}' is a node of another cluster that node '{Node}' has no address for; add it with 'moecraft peers add URL'.");
        return new HttpPeerChannel(http, Node, peer.Name, new Uri(peer.Address));
    }

    /// <summary>The tiers as the node's peer table holds them now.</summary>
    private async Task<FederationTrust> TrustAsync() => new(Node, signer.NodeId, await Table.GetPeers());

    private async Task<PeerInfo> RequirePeerAsync(string peerName)
    {
        var trust = await TrustAsync();
        return trust.Find(peerName) ?? throw FederationLog.Refuse(logger, Node, trust.Unknown(peerName)!);
    }
}

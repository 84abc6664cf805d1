using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Experts;
using Moecraft.Identity;
using Orleans.Concurrency;

namespace Moecraft.Federation;

/// <summary>
/// A node's federation endpoint (SPEC 6), keyed by node name and pinned to that node's silo (<see cref="NodePlacementAttribute"/>),
/// so it signs with that silo's node key and every exchange between peers is a call between silos. It is the node's one
/// door: operators, the request path, the federation surface and other nodes call it, and it hands each request to the
/// grain whose concern it is: the <see cref="PeerTableGrain"/> (manifests, tiers, heartbeats), the
/// <see cref="KnowledgeSyncGrain"/> (packets, sync clock, conflicts, advice) or the <see cref="PeerLinkGrain"/> (calls to
/// other nodes). Those hold the state and decide.
/// <para>
/// It holds no state, so every call interleaves ([Reentrant]): requests from peers never wait behind this node's own
/// calls to them. Its heartbeat timer runs from the first call, whatever the call.
/// </para>
/// </summary>
[GrainType("federation-peer")]
[NodePlacement]
[Reentrant]
public sealed class FederationPeerGrain(
    INodeSigner signer,
    ILocalSiloDetails silo,
    FederationSettings settings,
    [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time,
    ILogger<FederationPeerGrain> logger) : Grain, IFederationPeerGrain
{
    private readonly PeerQueryBudget _queries = new(settings.QueriesPerMinute);

    private IGrainTimer? _heartbeatTimer;

    private string Node => this.GetPrimaryKeyString();

    private IPeerTableGrain Table => GrainFactory.GetGrain<IPeerTableGrain>(Node);

    private IKnowledgeSyncGrain Knowledge => GrainFactory.GetGrain<IKnowledgeSyncGrain>(Node);

    private IPeerLinkGrain Link => GrainFactory.GetGrain<IPeerLinkGrain>(Node);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        NodeSilo.Require(Node, silo, "federation peer");
        if (settings.Enabled && settings.HeartbeatTimer)
            _heartbeatTimer = this.RegisterGrainTimer(static (self, cancellation) => self.HeartbeatTickAsync(cancellation), this,
                new GrainTimerCreationOptions(settings.HeartbeatInterval, settings.HeartbeatInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _heartbeatTimer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<PeerManifest> GetManifest() => Task.FromResult(OwnManifest());

    public Task<PeerManifest> ExchangeManifest(PeerManifest manifest) => RecordAndAnswerAsync(manifest, remote: false);

    public Task<PeerManifest> ExchangeRemoteManifest(PeerManifest manifest) => RecordAndAnswerAsync(manifest, remote: true);

    public Task<ImmutableArray<PeerInfo>> GetPeers() => Table.GetPeers();

    public Task<PeerInfo> SetTier(string peerName, TrustTier tier, string actor) => Table.SetTier(peerName, tier, actor);

    public Task Heartbeat(Heartbeat heartbeat) => IfEnabled(Table).AcceptHeartbeat(heartbeat);

    public Task<ImmutableArray<PeerInfo>> DiscoverPeers() => IfEnabled(Link).DiscoverPeers();

    public Task<PeerInfo> AddPeer(string address) => IfEnabled(Link).AddPeer(address);

    public Task<int> SendHeartbeats() => IfEnabled(Link).SendHeartbeats();

    public async Task<KnowledgePacket> Publish(PacketDraft draft) => (await PublishBatch([draft]))[0];

    public Task<ImmutableArray<KnowledgePacket>> PublishBatch(ImmutableArray<PacketDraft> drafts) => IfEnabled(Knowledge).Publish(drafts);

    public Task<ImmutableArray<FeedPosition>> GetClock() => IfEnabled(Knowledge).GetClock();

    public Task<PacketBatch> Pull(string requester, ImmutableArray<FeedPosition> clock, int max) => IfEnabled(Knowledge).Pull(requester, clock, max);

    public Task<ImmutableArray<KnowledgePacket>> GetPackets(string requester, ImmutableArray<string> ids) => IfEnabled(Knowledge).GetPackets(requester, ids);

    public Task<SyncReport> SyncFrom(string peerName) => IfEnabled(Link).SyncFrom(peerName);

    public async Task<SyncReport> Push(string sender, ImmutableArray<KnowledgePacket> packets)
    {
        RequireEnabled();
        FederationLog.Require(logger, await TrustAsync(), sender, FederationAction.SendPackets);
        if (packets.IsDefault || packets.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Send 0 to {PacketBatch.MaxPackets} packets at a time.", nameof(packets));
        // The sender may be asked for missing dependencies: a call to another node, so the link makes it.
        return await Link.Ingest(sender, packets);
    }

    public Task<KnowledgeView> Resolve(string key) => Knowledge.Resolve(key);

    public Task<FederationAdvice> Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey) =>
        Knowledge.Advise(routerId, prompt, embedding, optionsKey);

    public Task<bool> ScarsName(string routerId, ImmutableArray<string> experts) => Knowledge.ScarsName(routerId, experts);

    public async Task<ExpertAnswer> QueryExpert(string requester, string expertId, ExpertRequest request)
    {
        RequireEnabled();
        ArgumentNullException.ThrowIfNull(request);
        FederationLog.Require(logger, await TrustAsync(), requester, FederationAction.QueryExperts);
        if ((ExpertOffers.NotOffered(Node, settings.ExpertsOffered, expertId) ?? _queries.Refusal(Node, requester, time.GetUtcNow())) is { } refusal)
            throw FederationLog.Refuse(logger, Node, refusal);
        var answer = await GrainFactory.GetGrain<IExpertGrain>(expertId).Invoke(request);
        FederationLog.ExpertQueried(logger, Node, requester, expertId);
        return answer;
    }

    public async Task<ExpertAnswer> AskPeerExpert(string peerName, string expertId, ExpertRequest request)
    {
        RequireEnabled();
        ArgumentNullException.ThrowIfNull(request);
        if (peerName != Node) return await Link.AskPeerExpert(peerName, expertId, request);
        // This node's own offer, asked from one of its own silos: no peer to ask, the offer still applies.
        if (ExpertOffers.NotOffered(Node, settings.ExpertsOffered, expertId) is { } refusal) throw FederationLog.Refuse(logger, Node, refusal);
        return await GrainFactory.GetGrain<IExpertGrain>(expertId).Invoke(request);
    }

    private async Task<PeerManifest> RecordAndAnswerAsync(PeerManifest manifest, bool remote)
    {
        await IfEnabled(Table).RecordManifest(manifest, expectedName: null, remote, address: null);
        return OwnManifest();
    }

    private async Task HeartbeatTickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Link.SendHeartbeats();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            FederationLog.HeartbeatTickFailed(logger, ex, Node);
        }
    }

    private PeerManifest OwnManifest() => settings.Manifest(signer, Node, time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>The tiers as the node's peer table holds them now.</summary>
    private async Task<FederationTrust> TrustAsync() => new(Node, signer.NodeId, await Table.GetPeers());

    /// <summary><paramref name="grain"/>, once federation is known to be enabled on this node.</summary>
    private T IfEnabled<T>(T grain)
    {
        RequireEnabled();
        return grain;
    }

    private void RequireEnabled() => FederationLog.RequireEnabled(logger, settings, Node);
}

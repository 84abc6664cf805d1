using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Identity;
using Moecraft.Journal;
using Orleans.Storage;

namespace Moecraft.Federation;

/// <summary>
/// A node's peer table (SPEC 6), keyed by node name and placed on that node's silo: each peer's verified manifest, the tier
/// this node assigned it, its last heartbeat and whether its feed forked; tier changes are audited through its outbox. What
/// a manifest or a heartbeat changes is <see cref="ManifestRecording"/>'s and <see cref="HeartbeatAcceptance"/>'s to decide.
/// <para>
/// It calls no other node, so its turns are short and serialize its changes; reads (<see cref="GetPeers"/>) interleave
/// and see the table as last stored. Its state began as the peer grain's (<see cref="LegacyPeerState"/>).
/// </para>
/// </summary>
[GrainType("federation-peer-table")]
[NodePlacement]
public sealed class PeerTableGrain(
    [PersistentState("federation-peer-table", MoecraftStorage.Name)] IPersistentState<PeerTableState> state,
    [FromKeyedServices(MoecraftStorage.Name)] IGrainStorage storage,
    INodeSigner signer,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    FederationSettings settings,
    Journalist journalist,
    [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time,
    ILogger<PeerTableGrain> logger) : Grain, IPeerTableGrain
{
    // The table as last written: what reads see, so an interleaved read never shows a write that may still fail.
    private PeerTableState _committed = new();

    // Tier changes are audited through it: stored with the change, then sent.
    private AuditOutbox _audit = null!;

    private ManifestRecording _manifests = null!;

    private string Node => this.GetPrimaryKeyString();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        NodeSilo.Require(Node, silo, "peer table");
        _committed = await LegacyPeerState.OwnOrLegacyAsync(state, storage, Node, PeerTableState.From);
        _manifests = new ManifestRecording(Node, signer.NodeId, settings.InClusterPeersCore);
        // The outbox writes what it delivered in its own turns (the flush in SetTier's, its retry timer's), never beside another write.
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => _committed.Audit, update => WriteAsync(next => next.Audit = update(next.Audit)), logger);
    }

    public Task<ImmutableArray<PeerInfo>> GetPeers()
    {
        var now = NowMs;
        return Task.FromResult<ImmutableArray<PeerInfo>>([.. _committed.Peers.Select(p => Info(p, now))]);
    }

    public async Task<PeerInfo> RecordManifest(PeerManifest manifest, string? expectedName, bool remote, string? address)
    {
        var now = NowMs;
        var outcome = _manifests.Decide(manifest, expectedName, remote, address, IsClusterName, _committed.Peers, now);
        if (outcome.Refusal is { } refusal) throw FederationLog.Refuse(logger, Node, refusal);
        var row = outcome.Row!;
        if (outcome.Changed || outcome.Added) await WriteAsync(row);
        if (outcome.Added)
        {
            var requested = TierMatrix.Name(manifest.RequestedTier);
            FederationLog.NewPeer(logger, Node, row.Name, row.NodeId, requested);
            journalist.Record(JournalKinds.Peer, $"Node '{Node}' met peer '{row.Name}' ({row.NodeId}); rated {TierMatrix.Name(row.Tier)}, it requests {requested}.");
        }
        return Info(row, now);
    }

    public async Task<PeerInfo> SetTier(string peerName, TrustTier tier, string actor)
    {
        if (!Enum.IsDefined(tier)) throw new ArgumentException($"Unknown trust tier {(int)tier}: use CORE, SANDBOX, EXTERNAL or UNKNOWN.", nameof(tier));
        // The audit log's own rules for an actor, checked before anything changes.
        AuditChain.ValidateRecord(TierAudit.Kind, actor, "{}");
        var before = Find(peerName) ?? throw new ArgumentException(
            $"Node '{Node}' has no peer '{peerName}' (known: {KnownNames()}); exchange manifests with it first. Nothing changed.", nameof(peerName));
        if (settings.InClusterPeersCore && InClusterTierRule.Problem(before.Name, before.Remote, tier) is { } inCluster)
            throw new ArgumentException(inCluster, nameof(tier));
        if (before.Tier == tier) return Info(before, NowMs);

        var after = before with { Tier = tier };
        var audit = new AuditRecord(TierAudit.Kind, actor, TierAudit.Payload(Node, after.Name, after.NodeId, before.Tier, tier, actor));
        // Stored with its audit entry in the outbox: a demotion holds for every request after this write, before the entry reaches the log.
        await WriteAsync(next =>
        {
            Replace(next, after);
            next.Audit = _audit.Add(next.Audit, audit);
        });
        var (from, to) = (TierMatrix.Name(before.Tier), TierMatrix.Name(tier));
        FederationLog.TierChanged(logger, Node, after.Name, from, to, actor);
        await _audit.FlushAsync();
        await journalist.RecordAsync(JournalKinds.Peer, $"Node '{Node}' rates peer '{after.Name}' ({after.NodeId}) {to}, was {from}; set by {actor}.");
        return Info(after, NowMs);
    }

    public async Task AcceptHeartbeat(Heartbeat heartbeat)
    {
        var outcome = HeartbeatAcceptance.Decide(Node, heartbeat, Find(heartbeat?.Name), NowMs);
        if (outcome.Refusal is { } refusal) throw FederationLog.Refuse(logger, Node, refusal);
        if (outcome.Next is { } next) await WriteAsync(next);
    }

    public async Task MarkForked(string nodeId)
    {
        if (_committed.Peers.Find(p => p.NodeId == nodeId) is { Forked: false } peer) await WriteAsync(peer with { Forked = true });
    }

    private bool IsClusterName(string name) =>
        membership.CurrentSnapshot.Members.Values.Any(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    private PeerRecord? Find(string? name) => _committed.Peers.Find(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    private string KnownNames() => _committed.Peers.Count == 0 ? "none" : string.Join(", ", _committed.Peers.Select(p => p.Name));

    // Replaces (or adds) the peer's row and writes the table.
    private Task WriteAsync(PeerRecord peer) => WriteAsync(next => Replace(next, peer));

    private static void Replace(PeerTableState next, PeerRecord peer)
    {
        var at = next.Peers.FindIndex(p => p.Name == peer.Name);
        if (at >= 0) next.Peers[at] = peer;
        else
        {
            next.Peers.Add(peer);
            next.Peers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
    }

    // Applies the change to a copy and writes it; reads see it once stored.
    private async Task WriteAsync(Action<PeerTableState> change)
    {
        var next = _committed.Copy();
        change(next);
        await state.WriteNextAsync(next);
        _committed = next;
    }

    private PeerInfo Info(PeerRecord peer, long now) => new(
        peer.Name, peer.NodeId, peer.Tier,
        PeerLivenessRule.Of(peer.LastHeartbeatAt, now, settings.HeartbeatInterval, settings.SuspectAfter, settings.DeadAfter),
        peer.LastHeartbeatAt, peer.LastHeartbeat?.ClockDigest, peer.LastHeartbeat?.Checkpoint, peer.Manifest, peer.Forked,
        WitnessedCheckpoint.Newest(peer.NewestCheckpoint, peer.LastHeartbeat?.Checkpoint), peer.Address, peer.Remote);
}

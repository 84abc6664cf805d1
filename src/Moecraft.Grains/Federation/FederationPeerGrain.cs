using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Experts.Embeddings;
using Moecraft.Identity;
using Moecraft.Journal;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Moecraft.Federation;

/// <summary>
/// A node's federation endpoint (SPEC 6), keyed by node name and pinned to that node's silo (<see cref="NodePlacementAttribute"/>),
/// so it signs with that silo's node key and every exchange between peers is a call between silos. It holds the peer
/// table: each peer's verified manifest, the tier this node assigned it and its last heartbeat. The trust-tier matrix is
/// checked before any state changes; forms and signatures are <see cref="ManifestVerifier"/>'s and
/// <see cref="HeartbeatVerifier"/>'s.
/// <para>
/// Requests peers send each other (<see cref="InboundRequests"/>) interleave with this grain's own outbound turns: two
/// nodes discovering, heartbeating or syncing each other at once would otherwise wait on each other until the call
/// timeout. State changes are therefore serialized by a lock, and every check that decides a change runs under it.
/// </para>
/// </summary>
[GrainType("federation-peer")]
[NodePlacement]
[MayInterleave(nameof(MayInterleave))]
public sealed partial class FederationPeerGrain(
    [PersistentState("federation-peer", MoecraftStorage.Name)] IPersistentState<FederationPeerState> state,
    INodeSigner signer,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    FederationSettings settings,
    Journalist journalist,
    SiloEmbedder embedder,
    FederationHttp http,
    [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time,
    ILogger<FederationPeerGrain> logger) : Grain, IFederationPeerGrain
{
    /// <summary>The methods a peer calls on another peer (and read-only ones): they may interleave with any turn.</summary>
    public static readonly FrozenSet<string> InboundRequests = new[]
    {
        nameof(IFederationPeerGrain.GetManifest),
        nameof(IFederationPeerGrain.ExchangeManifest),
        nameof(IFederationPeerGrain.GetPeers),
        nameof(IFederationPeerGrain.Heartbeat),
        nameof(IFederationPeerGrain.GetClock),
        nameof(IFederationPeerGrain.Pull),
        nameof(IFederationPeerGrain.GetPackets),
        nameof(IFederationPeerGrain.Resolve),
        nameof(IFederationPeerGrain.Push),
        nameof(IFederationPeerGrain.Advise),
        nameof(IFederationPeerGrain.QueryExpert),
        nameof(IFederationPeerGrain.AskPeerExpert),
        nameof(IFederationPeerGrain.ExchangeRemoteManifest),
        nameof(IFederationPeerGrain.AddPeer),
    }.ToFrozenSet(StringComparer.Ordinal);

    // Serializes every read-check-write of the peer table (requests interleave; see the class remarks).
    private readonly SemaphoreSlim _writes = new(1, 1);

    // The peer table as last written: what reads see, so an interleaved read never shows a write that may still fail.
    private FederationPeerState _committed = new();

    private IGrainTimer? _heartbeatTimer;

    // Tier changes are audited through it: stored with the change, then sent.
    private AuditOutbox _audit = null!;

    public static bool MayInterleave(IInvokable request) => request is not null && InboundRequests.Contains(request.GetMethodName());

    private string Node => this.GetPrimaryKeyString();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Placement pins the grain to the silo of its name; this guards against any other way of activating it.
        if (!string.Equals(Node, silo.Name, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"The federation peer of node '{Node}' runs only on the silo named '{Node}', not on silo '{silo.Name}' ({silo.SiloAddress}).");
        _committed = state.State;
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => _committed.Audit, WriteAuditAsync, logger);
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

    public async Task<PeerManifest> ExchangeManifest(PeerManifest manifest)
    {
        RequireEnabled();
        await RecordManifestAsync(manifest, expectedName: null, remote: false, address: null);
        return OwnManifest();
    }

    public async Task<ImmutableArray<PeerInfo>> DiscoverPeers()
    {
        RequireEnabled();
        var ours = OwnManifest();
        var names = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && m.Name != Node && PeerNames.Problem(m.Name) is null)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        await Task.WhenAll(names.Select(name => ExchangeWithAsync(name, ours)));
        return Peers(NowMs);
    }

    public Task<ImmutableArray<PeerInfo>> GetPeers() => Task.FromResult(Peers(NowMs));

    public async Task<PeerInfo> SetTier(string peerName, TrustTier tier, string actor)
    {
        if (!Enum.IsDefined(tier)) throw new ArgumentException($"Unknown trust tier {(int)tier}: use CORE, SANDBOX, EXTERNAL or UNKNOWN.", nameof(tier));
        // The audit log's own rules for an actor, checked before anything changes.
        AuditChain.ValidateRecord(TierAudit.Kind, actor, "{}");

        PeerRecord before, after;
        await _writes.WaitAsync();
        try
        {
            before = Find(peerName) ?? throw new ArgumentException(
                $"Node '{Node}' has no peer '{peerName}' (known: {KnownNames()}); exchange manifests with it first. Nothing changed.", nameof(peerName));
            if (settings.InClusterPeersCore && InClusterTierRule.Problem(before.Name, before.Remote, tier) is { } inCluster)
                throw new ArgumentException(inCluster, nameof(tier));
            if (before.Tier == tier) return Info(before, NowMs);
            after = before with { Tier = tier };
            var audit = new AuditRecord(TierAudit.Kind, actor, TierAudit.Payload(Node, after.Name, after.NodeId, before.Tier, tier, actor));
            // Stored with its audit entry in the outbox: a demotion holds for every request after this write, before the entry reaches the log.
            await WriteAsync(next =>
            {
                Replace(next, after);
                next.Audit = _audit.Add(next.Audit, audit);
            });
        }
        finally
        {
            _writes.Release();
        }

        var from = TierMatrix.Name(before.Tier);
        var to = TierMatrix.Name(tier);
        LogTierChanged(logger, Node, after.Name, from, to, actor);
        await _audit.FlushAsync();
        await journalist.RecordAsync(JournalKinds.Peer, $"Node '{Node}' rates peer '{after.Name}' ({after.NodeId}) {to}, was {from}; set by {actor}.");
        return Info(after, NowMs);
    }

    public async Task Heartbeat(Heartbeat heartbeat)
    {
        RequireEnabled();
        var now = NowMs;
        if (HeartbeatVerifier.Failure(heartbeat, now) is { } failure)
            throw Refused($"Heartbeat from '{heartbeat?.Name}' refused: {failure}. Nothing changed.");

        await _writes.WaitAsync();
        try
        {
            var peer = Find(heartbeat.Name)
                ?? throw Refused($"Heartbeat from '{heartbeat.Name}' refused: it is not a peer of node '{Node}' (exchange manifests first). Nothing changed.");
            if (peer.NodeId != heartbeat.NodeId)
                throw Refused($"Heartbeat from '{heartbeat.Name}' refused: sent from the wrong key; peer '{peer.Name}' is node {peer.NodeId}, " +
                    $"the heartbeat is signed by {heartbeat.NodeId}. Nothing changed.");
            // The tier as this node assigned it, read under the lock: a demotion stored before this point already holds.
            if (TierMatrix.Decide(FederationAction.Heartbeat, peer.Tier) != FederationDecision.Allowed)
                throw Refused($"Heartbeat from '{heartbeat.Name}' refused: node '{Node}' rates it {TierMatrix.Name(peer.Tier)}, " +
                    "and only CORE and SANDBOX peers send heartbeats. Nothing changed.");
            if (peer.LastHeartbeat is { } last)
            {
                if (heartbeat.SentAt == last.SentAt && heartbeat.Signature == last.Signature) return; // a retry of the last one
                if (heartbeat.SentAt <= last.SentAt)
                    throw Refused($"Heartbeat from '{heartbeat.Name}' refused: sent at {heartbeat.SentAt}, not after the last accepted one " +
                        $"({last.SentAt}); a replay or out of order. Nothing changed.");
            }
            await WriteAsync(peer with
            {
                LastHeartbeat = heartbeat,
                LastHeartbeatAt = now,
                NewestCheckpoint = WitnessedCheckpoint.Newest(peer.NewestCheckpoint ?? peer.LastHeartbeat?.Checkpoint, heartbeat.Checkpoint),
            });
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<int> SendHeartbeats()
    {
        RequireEnabled();
        return await SendHeartbeatsAsync();
    }

    private async Task<int> SendHeartbeatsAsync()
    {
        var clock = await CurrentClockAsync();
        var checkpoints = await GrainFactory.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).GetCheckpoints();
        var checkpoint = checkpoints.IsDefaultOrEmpty ? null : checkpoints[^1];
        // Targets read after the awaits, so a demotion made meanwhile is honoured.
        var targets = _committed.Peers
            .Where(p => TierMatrix.Decide(FederationAction.Heartbeat, p.Tier) == FederationDecision.Allowed)
            .Select(p => p.Name)
            .ToList();
        if (targets.Count == 0) return 0;

        var heartbeat = HeartbeatFactory.Create(signer, Node, ClockDigest.Of(clock), checkpoint, NowMs);
        var accepted = await Task.WhenAll(targets.Select(async name =>
        {
            try
            {
                await Channel(name).Heartbeat(heartbeat);
                return true;
            }
            catch (Exception ex)
            {
                LogHeartbeatFailed(logger, ex, Node, name);
                return false;
            }
        }));
        return accepted.Count(a => a);
    }

    private async Task HeartbeatTickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendHeartbeatsAsync();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeartbeatTickFailed(logger, ex, Node);
        }
    }

    private async Task ExchangeWithAsync(string name, PeerManifest ours)
    {
        try
        {
            var theirs = await GrainFactory.GetGrain<IFederationPeerGrain>(name).ExchangeManifest(ours);
            await RecordManifestAsync(theirs, expectedName: name, remote: false, address: null);
        }
        catch (Exception ex)
        {
            // One node that cannot be reached or answers badly does not keep the others from being discovered.
            LogExchangeFailed(logger, ex, Node, name);
        }
    }

    /// <summary>
    /// Verifies a peer's manifest and records it (a new peer as UNKNOWN, or CORE for a node of this cluster; a known one keeps
    /// its tier). <paramref name="remote"/>: it came from another cluster (the federation surface, or added by address).
    /// </summary>
    /// <exception cref="FederationRefusedException">Invalid, expired, this node's own, a known name from another key, a remote one claiming a name of this cluster, or older than the one held.</exception>
    private async Task<PeerRecord> RecordManifestAsync(PeerManifest manifest, string? expectedName, bool remote, string? address)
    {
        var now = NowMs;
        if (ManifestVerifier.Failure(manifest, now) is { } failure)
            throw Refused($"Manifest of '{manifest?.Name}' refused: {failure}. Nothing changed.");
        if (expectedName is not null && manifest.Name != expectedName)
            throw Refused($"Node '{expectedName}' answered with the manifest of '{manifest.Name}'. Nothing changed.");
        if (manifest.Name == Node || manifest.NodeId == signer.NodeId)
            throw Refused($"Manifest of '{manifest.Name}' refused: it claims node '{Node}''s own name or key. Nothing changed.");
        if (remote && membership.CurrentSnapshot.Members.Values.Any(m => string.Equals(m.Name, manifest.Name, StringComparison.Ordinal)))
            throw Refused($"Manifest of '{manifest.Name}' refused: that is the name of a node of this cluster, and it came from outside. Nothing changed.");

        PeerRecord? added = null;
        PeerRecord recorded;
        await _writes.WaitAsync();
        try
        {
            var known = Find(manifest.Name);
            if (known is not null && known.NodeId != manifest.NodeId)
                throw Refused($"Manifest from the wrong key: peer '{manifest.Name}' is node {known.NodeId} here, but this manifest is signed by " +
                    $"{manifest.NodeId}. Nothing changed.");
            if (known is null && _committed.Peers.Find(p => p.NodeId == manifest.NodeId) is { } renamed)
                throw Refused($"Manifest of '{manifest.Name}' refused: node {manifest.NodeId} is known here as '{renamed.Name}'. Nothing changed.");
            if (known is not null && known.Remote != remote)
                throw Refused($"Manifest of '{manifest.Name}' refused: it is known here as a node of {(known.Remote ? "another" : "this")} cluster. Nothing changed.");
            if (known is not null)
            {
                var next = known with { Address = address ?? known.Address };
                if (manifest.Signature != known.Manifest.Signature)
                {
                    if (manifest.IssuedAt < known.Manifest.IssuedAt)
                        throw Refused($"Manifest of '{manifest.Name}' refused: issued at {manifest.IssuedAt}, before the one held ({known.Manifest.IssuedAt}). Nothing changed.");
                    next = next with { Manifest = manifest };
                }
                if (next != known) await WriteAsync(next);
                recorded = next;
            }
            else
            {
                // Every new peer of another cluster starts UNKNOWN: the tier it requests is only a claim (SPEC 6). A node of
                // this cluster is CORE by construction.
                var tier = !remote && settings.InClusterPeersCore ? InClusterTierRule.Tier : TrustTier.Unknown;
                added = new PeerRecord(manifest.Name, manifest.NodeId, tier, manifest, now, null, null, false, Address: address, Remote: remote);
                await WriteAsync(added);
                recorded = added;
            }
        }
        finally
        {
            _writes.Release();
        }

        if (added is not null)
        {
            var requested = TierMatrix.Name(manifest.RequestedTier);
            var rated = TierMatrix.Name(added.Tier);
            LogNewPeer(logger, Node, added.Name, added.NodeId, requested);
            journalist.Record(JournalKinds.Peer, $"Node '{Node}' met peer '{added.Name}' ({added.NodeId}); rated {rated}, it requests {requested}.");
        }
        return recorded;
    }

    private PeerManifest OwnManifest()
    {
        var now = NowMs;
        return ManifestFactory.Create(signer, Node, settings.Capabilities, settings.ExpertsOffered, settings.SoftwareVersion,
            settings.RequestedTier, now, now + (long)settings.ManifestValidity.TotalMilliseconds);
    }

    private PeerRecord? Find(string? name) => _committed.Peers.Find(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    private string KnownNames() => _committed.Peers.Count == 0 ? "none" : string.Join(", ", _committed.Peers.Select(p => p.Name));

    // Replaces (or adds) the peer's row and writes the table; call with the lock held.
    private Task WriteAsync(PeerRecord peer) => WriteAsync(next => Replace(next, peer));

    private static void Replace(FederationPeerState next, PeerRecord peer)
    {
        var at = next.Peers.FindIndex(p => p.Name == peer.Name);
        if (at >= 0) next.Peers[at] = peer;
        else
        {
            next.Peers.Add(peer);
            next.Peers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
    }

    // The outbox's write of what it delivered; takes the lock like every other write.
    private async Task WriteAuditAsync(Func<AuditOutboxState, AuditOutboxState> update)
    {
        await _writes.WaitAsync();
        try
        {
            await WriteAsync(next => next.Audit = update(next.Audit));
        }
        finally
        {
            _writes.Release();
        }
    }

    // Applies the change to a copy and writes it; reads see it once stored. Call with the lock held (_writes).
    private async Task WriteAsync(Action<FederationPeerState> change)
    {
        var next = _committed.Copy();
        change(next);
        await state.WriteNextAsync(next);
        _committed = next;
    }

    private ImmutableArray<PeerInfo> Peers(long now) => [.. _committed.Peers.Select(p => Info(p, now))];

    private PeerInfo Info(PeerRecord peer, long now) => new(
        peer.Name, peer.NodeId, peer.Tier,
        PeerLivenessRule.Of(peer.LastHeartbeatAt, now, settings.HeartbeatInterval, settings.SuspectAfter, settings.DeadAfter),
        peer.LastHeartbeatAt, peer.LastHeartbeat?.ClockDigest, peer.LastHeartbeat?.Checkpoint, peer.Manifest, peer.Forked,
        WitnessedCheckpoint.Newest(peer.NewestCheckpoint, peer.LastHeartbeat?.Checkpoint), peer.Address, peer.Remote);

    private void RequireEnabled()
    {
        if (!settings.Enabled) throw Refused($"Federation is disabled on node '{Node}' (Moecraft:Federation:Enabled is false).");
    }

    private FederationRefusedException Refused(string reason)
    {
        LogRefused(logger, Node, reason);
        return new FederationRefusedException(reason);
    }
}

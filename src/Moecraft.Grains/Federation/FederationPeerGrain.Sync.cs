using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Audit;
using Moecraft.Canonical;
using Moecraft.Journal;

namespace Moecraft.Federation;

/// <summary>
/// Packets and sync (SPEC 6): publishing as the origin, serving deltas to CORE peers, pulling from a peer with every
/// packet verified and stored before it counts, fork quarantine, and the resolved view of a key. Which packets are
/// served is derived from the tiers at the moment of asking, so a demotion takes effect at once and a promotion releases
/// what was quarantined.
/// </summary>
public sealed partial class FederationPeerGrain
{
    /// <summary>A sync stops after this many batches even if the peer keeps sending (it resumes on the next sync).</summary>
    public const int MaxSyncBatches = 1_000;

    private KnowledgeIndex? _index;

    private string OwnId => signer.NodeId;

    public async Task<KnowledgePacket> Publish(PacketDraft draft) => (await PublishBatch([draft]))[0];

    public async Task<ImmutableArray<KnowledgePacket>> PublishBatch(ImmutableArray<PacketDraft> drafts)
    {
        RequireEnabled();
        if (drafts.IsDefaultOrEmpty || drafts.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Publish 1 to {PacketBatch.MaxPackets} packets at a time.", nameof(drafts));
        await _writes.WaitAsync();
        try
        {
            var index = await IndexAsync();
            var feed = Feed(OwnId);
            var position = await feed.GetPosition();
            var now = NowMs;
            var packets = ImmutableArray.CreateBuilder<KnowledgePacket>(drafts.Length);
            foreach (var draft in drafts)
            {
                ArgumentNullException.ThrowIfNull(draft);
                if (!draft.Deps.IsDefault && draft.Deps.FirstOrDefault(d => !index.Contains(d) && !packets.Any(p => p.Id == d)) is { } missing)
                    throw new ArgumentException($"Dependency {missing} is not held on node '{Node}': publish or sync it first. Nothing was published.", nameof(drafts));
                var previous = packets.Count == 0 ? (position.Seq, position.HeadId) : (packets[^1].Seq, packets[^1].Id);
                packets.Add(PacketFactory.Create(draft, previous.Item1 + 1, previous.Item2, now, signer));
            }
            var result = await feed.Append(packets.ToImmutable(), Node, now);
            await RememberFeedAsync(OwnId);
            index.Add(result.Appended);
            foreach (var packet in packets) LogPublished(logger, Node, packet.Key, packet.Seq, packet.Id);
            return packets.MoveToImmutable();
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<ImmutableArray<FeedPosition>> GetClock()
    {
        RequireEnabled();
        return await CurrentClockAsync();
    }

    /// <summary>This node's sync clock: per origin held, the highest contiguous sequence and its id (heartbeats carry its digest).</summary>
    private async Task<ImmutableArray<FeedPosition>> CurrentClockAsync()
    {
        var index = await IndexAsync();
        return [.. _committed.Feeds.Order(StringComparer.Ordinal).Select(origin =>
        {
            var feed = index.Feed(origin);
            return feed.Count == 0 ? new FeedPosition(origin, 0, null) : new FeedPosition(origin, feed[^1].Packet.Seq, feed[^1].Packet.Id);
        })];
    }

    public async Task<PacketBatch> Pull(string requester, ImmutableArray<FeedPosition> clock, int max)
    {
        RequireEnabled();
        RequireAllowed(requester, FederationAction.PullPackets);
        if (max < 1) throw new ArgumentException($"Ask for at least one packet, got {max}.", nameof(max));
        max = Math.Min(max, PacketBatch.MaxPackets);
        var theirs = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!clock.IsDefault)
            foreach (var position in clock.Where(p => p is not null)) theirs[position.Origin] = Math.Max(position.Seq, theirs.GetValueOrDefault(position.Origin));

        var index = await IndexAsync();
        var packets = new List<KnowledgePacket>();
        foreach (var origin in _committed.Feeds.Order(StringComparer.Ordinal))
        {
            var feed = index.Feed(origin);
            // A feed holds seq 1..n contiguously at positions 0..n-1: start right after the requester's clock.
            for (var at = (int)Math.Clamp(theirs.GetValueOrDefault(origin), 0, feed.Count); at < feed.Count; at++)
            {
                var stored = feed[at];
                // A quarantined packet is never served, and nothing after it: the requester's feed must stay contiguous.
                if (!Served(index, stored)) break;
                if (packets.Count == max) return new PacketBatch([.. packets], More: true);
                packets.Add(stored.Packet);
            }
        }
        return new PacketBatch([.. packets], More: false);
    }

    public async Task<ImmutableArray<KnowledgePacket>> GetPackets(string requester, ImmutableArray<string> ids)
    {
        RequireEnabled();
        RequireAllowed(requester, FederationAction.PullPackets);
        if (ids.IsDefault || ids.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Ask for 0 to {PacketBatch.MaxPackets} packet ids.", nameof(ids));
        var index = await IndexAsync();
        return [.. ids.Select(index.Get).OfType<StoredPacket>().Where(s => Served(index, s)).Select(s => s.Packet)];
    }

    public async Task<SyncReport> SyncFrom(string peerName)
    {
        RequireEnabled();
        var remote = Channel(peerName);
        int batches = 0, accepted = 0, quarantined = 0, duplicates = 0;
        var rejected = new List<string>();
        while (batches < MaxSyncBatches)
        {
            RequireAllowed(peerName, FederationAction.SendPackets);
            var batch = await remote.Pull(await CurrentClockAsync(), PacketBatch.MaxPackets);
            batches++;
            if (batch.Packets.IsDefaultOrEmpty) break;
            var outcome = await IngestAsync(peerName, batch.Packets);
            (accepted, quarantined, duplicates) = (accepted + outcome.Accepted, quarantined + outcome.Quarantined, duplicates + outcome.Duplicates);
            rejected.AddRange(outcome.Rejected);
            // Stop when the peer has nothing more, or when nothing of this batch could be stored (it would repeat).
            if (!batch.More || outcome.Accepted + outcome.Duplicates == 0) break;
        }
        var report = new SyncReport(peerName, batches, accepted, quarantined, duplicates, [.. rejected], await CurrentClockAsync());
        LogSynced(logger, Node, peerName, batches, accepted, quarantined, duplicates, rejected.Count);
        return report;
    }

    public async Task<SyncReport> Push(string sender, ImmutableArray<KnowledgePacket> packets)
    {
        RequireEnabled();
        RequireAllowed(sender, FederationAction.SendPackets);
        if (packets.IsDefault || packets.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Send 0 to {PacketBatch.MaxPackets} packets at a time.", nameof(packets));
        var outcome = await IngestAsync(sender, packets);
        return new SyncReport(sender, 1, outcome.Accepted, outcome.Quarantined, outcome.Duplicates, [.. outcome.Rejected], await CurrentClockAsync());
    }

    public async Task<KnowledgeView> Resolve(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var index = await IndexAsync();
        return ConflictResolver.Resolve(key, index.ByKey(key).Where(s => Served(index, s)).Select(s => new ResolvableKnowledge(s, OriginTier(s.Packet.Origin))));
    }

    /// <summary>Verifies a batch, fetches missing dependencies, and stores what can be stored in order; the tier is checked again under the lock.</summary>
    private async Task<IngestOutcome> IngestAsync(string peerName, ImmutableArray<KnowledgePacket> packets)
    {
        await _writes.WaitAsync();
        try
        {
            var decision = RequireAllowed(peerName, FederationAction.SendPackets);
            var index = await IndexAsync();
            var rejected = new List<string>();
            var duplicates = 0;
            var valid = new List<KnowledgePacket>();
            foreach (var packet in packets)
            {
                if (PacketVerifier.Failure(packet) is { } failure) rejected.Add($"{Describe(packet)}: {failure}");
                else if (index.Contains(packet.Id) || packet.Origin == OwnId) duplicates++;
                else if (index.Fork(packet.Origin) is { } fork) rejected.Add($"{Describe(packet)}: origin {packet.Origin} is forked and quarantined ({fork})");
                else valid.Add(packet);
            }

            var missing = valid.Where(p => !p.Deps.IsDefault).SelectMany(p => p.Deps)
                .Where(d => !index.Contains(d) && !valid.Exists(v => v.Id == d)).Distinct(StringComparer.Ordinal).Take(PacketBatch.MaxPackets).ToImmutableArray();
            if (missing.Length > 0)
            {
                // Dependencies from other origins the peer holds: fetched by id, verified like the rest. A sender that cannot
                // serve them (not reachable, or it does not rate this node CORE) leaves the dependent packets waiting.
                ImmutableArray<KnowledgePacket> fetched = [];
                try
                {
                    fetched = await Channel(peerName).GetPackets(missing);
                }
                catch (Exception e) when (e is FederationRefusedException or OrleansException or TimeoutException or HttpRequestException)
                {
                    LogDependencyFetchFailed(logger, e, Node, peerName, missing.Length);
                }
                foreach (var dependency in fetched)
                {
                    if (PacketVerifier.Failure(dependency) is { } failure) rejected.Add($"{Describe(dependency)}: {failure}");
                    else if (!index.Contains(dependency.Id) && index.Fork(dependency.Origin) is null) valid.Add(dependency);
                }
            }

            var plan = DependencyOrder.Plan(valid, index.Contains);
            rejected.AddRange(plan.Waiting.Where(w => w.MissingDependency is not null)
                .Select(w => $"{Describe(w.Packet)}: dependency {w.MissingDependency} is not held yet"));
            var accepted = 0;
            var now = NowMs;
            foreach (var run in Runs(plan.Ready))
            {
                if (index.IsForked(run[0].Origin)) continue;
                try
                {
                    var result = await Feed(run[0].Origin).Append([.. run], peerName, now);
                    await RememberFeedAsync(run[0].Origin);
                    index.Add(result.Appended);
                    accepted += result.Appended.Length;
                    duplicates += result.Duplicates;
                    if (result.Stopped is { } stopped) rejected.Add(stopped);
                }
                catch (ForkDetectedException e)
                {
                    await QuarantineForkAsync(index, run[0].Origin, e.Message);
                    rejected.Add(e.Message);
                }
            }
            return new IngestOutcome(accepted, decision == FederationDecision.Quarantined ? accepted : 0, duplicates, rejected);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Consecutive packets of one origin: one feed append each.</summary>
    private static IEnumerable<List<KnowledgePacket>> Runs(IReadOnlyList<KnowledgePacket> ordered)
    {
        List<KnowledgePacket>? run = null;
        foreach (var packet in ordered)
        {
            if (run is not null && run[0].Origin != packet.Origin)
            {
                yield return run;
                run = null;
            }
            (run ??= []).Add(packet);
        }
        if (run is not null) yield return run;
    }

    private async Task QuarantineForkAsync(KnowledgeIndex index, string origin, string detail)
    {
        index.MarkForked(origin, detail);
        if (_committed.Peers.Find(p => p.NodeId == origin) is { Forked: false } peer) await WriteAsync(peer with { Forked = true });
        LogFork(logger, Node, origin, detail);
        journalist.Record(JournalKinds.Peer, $"Node '{Node}' quarantined origin {origin}: its feed forked ({detail}).");
        var payload = Encoding.UTF8.GetString(CanonicalJson.Serialize(new JsonObject { ["node"] = Node, ["origin"] = origin, ["detail"] = detail }));
        await GrainFactory.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).Append(new AuditRecord("federation.fork", "federation:" + Node, payload));
    }

    /// <summary>Whether this node serves a held packet: its own, or received from a peer it now rates CORE, from an origin that did not fork.</summary>
    private bool Served(KnowledgeIndex index, StoredPacket stored)
    {
        if (index.IsForked(stored.Packet.Origin)) return false;
        if (stored.Packet.Origin == OwnId || stored.ReceivedFrom == Node) return true;
        return Find(stored.ReceivedFrom)?.Tier == TrustTier.Core;
    }

    /// <summary>The tier that ranks an origin's packets in conflicts: this node's own are CORE; unknown origins UNKNOWN.</summary>
    private TrustTier OriginTier(string origin) =>
        origin == OwnId ? TrustTier.Core : _committed.Peers.Find(p => p.NodeId == origin)?.Tier ?? TrustTier.Unknown;

    private PeerRecord RequirePeer(string peerName) =>
        Find(peerName) ?? throw Refused($"Node '{Node}' has no peer '{peerName}' (known: {KnownNames()}); exchange manifests first.");

    /// <summary>The matrix's answer for a peer asking <paramref name="action"/>; refused answers throw before anything changes.</summary>
    private FederationDecision RequireAllowed(string peerName, FederationAction action)
    {
        var peer = RequirePeer(peerName);
        var decision = TierMatrix.Decide(action, peer.Tier);
        if (decision == FederationDecision.Refused)
            throw Refused($"Node '{Node}' rates '{peerName}' {TierMatrix.Name(peer.Tier)}, which may not {TierMatrix.Describe(action)}.");
        return decision;
    }

    private IKnowledgeFeedGrain Feed(string origin) => GrainFactory.GetGrain<IKnowledgeFeedGrain>(FederationNodes.FeedKey(Node, origin));

    private async Task<KnowledgeIndex> IndexAsync()
    {
        if (_index is not null) return _index;
        var index = new KnowledgeIndex();
        foreach (var origin in _committed.Feeds)
        {
            var feed = Feed(origin);
            if (await feed.GetFork() is { } fork) index.MarkForked(origin, fork);
            for (long after = 0; ; )
            {
                var page = await feed.ReadAfter(after, 10_000);
                if (page.IsEmpty) break;
                index.Add(page);
                after = page[^1].Packet.Seq;
            }
        }
        return _index ??= index;
    }

    // Call with the lock held, like every write of the peer grain's state.
    private async Task RememberFeedAsync(string origin)
    {
        if (!_committed.Feeds.Contains(origin)) await WriteAsync(next => next.Feeds.Add(origin));
    }

    private static string Describe(KnowledgePacket? packet) =>
        packet is null ? "a null packet" : $"packet {packet.Id} ({packet.Origin} seq {packet.Seq})";

    private sealed record IngestOutcome(int Accepted, int Quarantined, int Duplicates, List<string> Rejected);
}

using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Canonical;
using Moecraft.Experts.Embeddings;
using Moecraft.Identity;
using Moecraft.Journal;
using Orleans.Storage;

namespace Moecraft.Federation;

/// <summary>
/// The knowledge a node holds (SPEC 6), keyed by node name and placed on that node's silo: it publishes packets as the
/// origin, serves them to peers, stores what peers send, resolves keys and advises the request path. Each origin's packets
/// are a <see cref="KnowledgeFeedGrain"/>; it keeps the origins it holds and an in-memory <see cref="KnowledgeIndex"/> of
/// them, rebuilt from the feeds on activation. Which packets are served is derived from the tiers the node's
/// <see cref="PeerTableGrain"/> holds at the moment of asking (<see cref="ServedKnowledge"/>); what a received batch may
/// store is <see cref="IngestBatch"/>'s to decide.
/// <para>
/// It calls no other node (the peer grain fetches what it must, outside this grain's turns), so its turns are short:
/// publishing and storing are serialized by them, and reads interleave. Its state began as the peer grain's
/// (<see cref="LegacyPeerState"/>).
/// </para>
/// </summary>
[GrainType("federation-knowledge")]
[NodePlacement]
public sealed class KnowledgeSyncGrain(
    [PersistentState("federation-knowledge", MoecraftStorage.Name)] IPersistentState<KnowledgeSyncState> state,
    [FromKeyedServices(MoecraftStorage.Name)] IGrainStorage storage,
    INodeSigner signer,
    ILocalSiloDetails silo,
    FederationSettings settings,
    Journalist journalist,
    SiloEmbedder embedder,
    [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time,
    ILogger<KnowledgeSyncGrain> logger) : Grain, IKnowledgeSyncGrain
{
    private const int ReadPage = 10_000;

    private readonly KnowledgeIndex _index = new();

    // The origins as last written: what reads see, so an interleaved read never shows a write that may still fail.
    private KnowledgeSyncState _committed = new();

    // The advice book and what it was built from: rebuilt when packets arrive or tiers change.
    private (int Packets, FederationTrust Trust, AdviceBook Book)? _advice;

    private string Node => this.GetPrimaryKeyString();

    private string OwnId => signer.NodeId;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    // References kept: Orleans resolves a grain interface's type by reflection on every GetGrain, and sync asks per batch.
    private readonly Dictionary<string, IKnowledgeFeedGrain> _feeds = new(StringComparer.Ordinal);
    private IPeerTableGrain? _table;

    private IPeerTableGrain Table => _table ??= GrainFactory.GetGrain<IPeerTableGrain>(Node);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        NodeSilo.Require(Node, silo, "knowledge sync grain");
        _committed = await LegacyPeerState.OwnOrLegacyAsync(state, storage, Node, KnowledgeSyncState.From);
        foreach (var origin in _committed.Feeds)
        {
            var feed = Feed(origin);
            if (await feed.GetFork() is { } fork) _index.MarkForked(origin, fork);
            for (long after = 0; ;)
            {
                var page = await feed.ReadAfter(after, ReadPage);
                if (page.IsEmpty) break;
                _index.Add(page);
                after = page[^1].Packet.Seq;
            }
        }
    }

    public async Task<ImmutableArray<KnowledgePacket>> Publish(ImmutableArray<PacketDraft> drafts)
    {
        if (drafts.IsDefaultOrEmpty || drafts.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Publish 1 to {PacketBatch.MaxPackets} packets at a time.", nameof(drafts));
        var feed = Feed(OwnId);
        var head = await feed.GetPosition();
        var now = NowMs;
        var packets = PacketFactory.Chain(drafts, head, _index.Contains, now, signer, Node);
        var result = await feed.Append(packets, Node, now);
        await RememberFeedAsync(OwnId);
        _index.Add(result.Appended);
        foreach (var packet in packets) FederationLog.Published(logger, Node, packet.Key, packet.Seq, packet.Id);
        return packets;
    }

    public Task<ImmutableArray<FeedPosition>> GetClock() => Task.FromResult(_index.Clock(_committed.Feeds));

    public async Task<PacketBatch> Pull(string requester, ImmutableArray<FeedPosition> clock, int max)
    {
        var trust = await TrustAsync();
        RequireAllowed(trust, requester, FederationAction.PullPackets);
        if (max < 1) throw new ArgumentException($"Ask for at least one packet, got {max}.", nameof(max));
        return new ServedKnowledge(_index, trust).After(_committed.Feeds, clock, Math.Min(max, PacketBatch.MaxPackets));
    }

    public async Task<ImmutableArray<KnowledgePacket>> GetPackets(string requester, ImmutableArray<string> ids)
    {
        var trust = await TrustAsync();
        RequireAllowed(trust, requester, FederationAction.PullPackets);
        if (ids.IsDefault || ids.Length > PacketBatch.MaxPackets)
            throw new ArgumentException($"Ask for 0 to {PacketBatch.MaxPackets} packet ids.", nameof(ids));
        return new ServedKnowledge(_index, trust).ByIds(ids);
    }

    public Task<IngestResult> Ingest(string sender, ImmutableArray<KnowledgePacket> packets) => IngestAsync(sender, packets, dependencies: null, pulled: false);

    public Task<IngestResult> IngestWithDependencies(string sender, ImmutableArray<KnowledgePacket> packets, ImmutableArray<KnowledgePacket> dependencies) =>
        IngestAsync(sender, packets, dependencies.IsDefault ? [] : dependencies, pulled: false);

    public Task<IngestResult> IngestPulled(string sender, ImmutableArray<KnowledgePacket> packets) => IngestAsync(sender, packets, dependencies: null, pulled: true);

    public Task<IngestResult> IngestPulledWithDependencies(string sender, ImmutableArray<KnowledgePacket> packets, ImmutableArray<KnowledgePacket> dependencies) =>
        IngestAsync(sender, packets, dependencies.IsDefault ? [] : dependencies, pulled: true);

    public async Task<KnowledgeView> Resolve(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new ServedKnowledge(_index, await TrustAsync()).Resolve(key);
    }

    public async Task<FederationAdvice> Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(optionsKey);
        if (embedding.IsDefaultOrEmpty) throw new ArgumentException("Advice needs the prompt's embedding.", nameof(embedding));
        if (!settings.Enabled) return FederationAdvice.None;
        return (await AdviceBookAsync()).Advise(routerId, prompt, embedding, optionsKey);
    }

    public async Task<bool> ScarsName(string routerId, ImmutableArray<string> experts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        if (experts.IsDefault) throw new ArgumentException("Experts must not be a default array.", nameof(experts));
        if (!settings.Enabled) return false;
        return (await AdviceBookAsync()).ScarsName(routerId, experts);
    }

    /// <summary>
    /// Stores what can be stored of a batch in dependency order, after the tier this node gives the sender now allows it;
    /// with <paramref name="dependencies"/> null, a batch that misses dependencies stores nothing and names them;
    /// <paramref name="pulled"/>: this node's link pulled the batch by grain call (<see cref="InClusterPulls"/> decides the checks).
    /// </summary>
    private async Task<IngestResult> IngestAsync(string sender, ImmutableArray<KnowledgePacket> packets, ImmutableArray<KnowledgePacket>? dependencies, bool pulled)
    {
        if (packets.IsDefault) throw new ArgumentException("Packets must not be a default array.", nameof(packets));
        var trust = await TrustAsync();
        var decision = RequireAllowed(trust, sender, FederationAction.SendPackets);
        var batch = IngestBatch.Screen(_index, OwnId, packets, InClusterPulls.Checks(trust, sender, pulled));
        if (dependencies is { } fetched) batch.AddDependencies(fetched);
        else if (batch.MissingDependencies() is { Length: > 0 } missing) return IngestResult.Missing(missing);

        var accepted = 0;
        var now = NowMs;
        foreach (var run in batch.ReadyRuns())
        {
            var origin = run[0].Origin;
            if (_index.IsForked(origin)) continue;
            try
            {
                var result = await Feed(origin).Append([.. run], sender, now);
                await RememberFeedAsync(origin);
                _index.Add(result.Appended);
                accepted += result.Appended.Length;
                batch.Duplicates += result.Duplicates;
                if (result.Stopped is { } stopped) batch.Rejected.Add(stopped);
            }
            catch (ForkDetectedException e)
            {
                await QuarantineForkAsync(origin, e.Message);
                batch.Rejected.Add(e.Message);
            }
        }
        var quarantined = decision == FederationDecision.Quarantined ? accepted : 0;
        return IngestResult.Stored(new SyncReport(sender, 1, accepted, quarantined, batch.Duplicates, [.. batch.Rejected], _index.Clock(_committed.Feeds)));
    }

    private async Task QuarantineForkAsync(string origin, string detail)
    {
        _index.MarkForked(origin, detail);
        await Table.MarkForked(origin);
        FederationLog.Fork(logger, Node, origin, detail);
        journalist.Record(JournalKinds.Peer, $"Node '{Node}' quarantined origin {origin}: its feed forked ({detail}).");
        var payload = Encoding.UTF8.GetString(CanonicalJson.Serialize(new JsonObject { ["node"] = Node, ["origin"] = origin, ["detail"] = detail }));
        await GrainFactory.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).Append(new AuditRecord("federation.fork", "federation:" + Node, payload));
    }

    private async Task<AdviceBook> AdviceBookAsync()
    {
        var trust = await TrustAsync();
        var packets = _index.Count;
        if (_advice is { } current && current.Packets == packets && current.Trust.SameTiers(trust)) return current.Book;
        var book = await AdviceBook.BuildAsync(new ServedKnowledge(_index, trust).AssertedWinners(AdviceBook.Prefixes), embedder, time);
        _advice = (packets, trust, book);
        return book;
    }

    /// <summary>The tiers as the peer table holds them now.</summary>
    private async Task<FederationTrust> TrustAsync() => new(Node, OwnId, await Table.GetPeers());

    private FederationDecision RequireAllowed(FederationTrust trust, string peerName, FederationAction action) =>
        FederationLog.Require(logger, trust, peerName, action);

    private IKnowledgeFeedGrain Feed(string origin)
    {
        if (!_feeds.TryGetValue(origin, out var feed)) _feeds[origin] = feed = GrainFactory.GetGrain<IKnowledgeFeedGrain>(FederationNodes.FeedKey(Node, origin));
        return feed;
    }

    private async Task RememberFeedAsync(string origin)
    {
        if (_committed.Feeds.Contains(origin)) return;
        var next = _committed.Copy();
        next.Feeds.Add(origin);
        await state.WriteNextAsync(next);
        _committed = next;
    }
}

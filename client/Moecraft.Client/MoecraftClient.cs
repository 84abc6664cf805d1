using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moecraft.Audit;
using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Kernel;
using Moecraft.Lifecycle;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Client;

/// <summary>
/// Typed access to a Moecraft cluster: register experts, route vectors, ask prompts, read state.
/// Create one with <see cref="ConnectAsync"/>, or wrap an <see cref="IClusterClient"/> from your own host.
/// </summary>
/// <remarks>
/// Bad input is refused here, before anything is sent: ids that are not well-formed text (<see cref="Identifiers"/>: a lone
/// surrogate would name another grain, a NUL cannot be stored) with <see cref="ArgumentException"/>, a request over
/// <see cref="MaxRequestBytes"/> with <see cref="RequestTooLargeException"/>; the connection stays as it was for other calls.
/// </remarks>
public sealed class MoecraftClient(IClusterClient cluster) : IAsyncDisposable
{
    private IHost? _ownedHost;
    private readonly int _maxRequestBytes = RequestSize.DefaultMaxBytes;

    private readonly FailoverRetry _retry = cluster.ServiceProvider.GetService<FailoverRetry>() ?? FailoverRetry.Default;

    public IClusterClient Cluster { get; } = cluster;

    /// <summary>The largest request this client sends (<see cref="MoecraftClientOptions.MaxRequestBytes"/>; 1 MiB by default).</summary>
    public int MaxRequestBytes
    {
        get => _maxRequestBytes;
        init => _maxRequestBytes = MoecraftClientOptions.RequireRequestLimit(value, nameof(MaxRequestBytes));
    }

    /// <summary>
    /// The gateway this client sends through now: one at a time, so a lost gateway fails only the calls it carried, at once.
    /// Null between losing a gateway and choosing the next, and for a cluster client not built with
    /// <see cref="ClientBuilderExtensions.UseMoecraftCluster"/>.
    /// </summary>
    public IPEndPoint? Gateway => Cluster.ServiceProvider.GetService<GatewayAffinity>()?.Current;

    /// <summary>Starts an Orleans client host connected to the cluster and returns a client that owns it.</summary>
    public static async Task<MoecraftClient> ConnectAsync(MoecraftClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseMoecraftCluster(options));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new MoecraftClient(host.Services.GetRequiredService<IClusterClient>()) { _ownedHost = host, MaxRequestBytes = options.MaxRequestBytes };
    }

    /// <summary>Registers (or updates) an expert and puts it on the router's roster; returns its slot.</summary>
    public async Task<int> RegisterExpertAsync(ExpertDefinition definition, string routerId = ClusterSeed.DefaultRouterId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var router = Router(routerId);
        await Expert(definition.Id).Register(definition);
        return await router.RegisterExpert(definition.Id);
    }

    public Task<ExpertSnapshot> GetExpertAsync(string expertId) => Read(Expert(expertId).GetSnapshot);

    /// <summary>Every expert on a router's roster with its slot and whether the slot is active.</summary>
    public async Task<IReadOnlyList<(RosterSlot Slot, ExpertSnapshot Expert)>> ListExpertsAsync(string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = await GetRouterAsync(routerId);
        var experts = await Task.WhenAll(router.Slots.Select(s => GetExpertAsync(s.ExpertId)));
        return router.Slots.Zip(experts).ToList();
    }

    public Task<RouterSnapshot> ConfigureRouterAsync(string routerId, RouterConfiguration configuration) =>
        Router(routerId).Configure(configuration);

    public Task<RouterSnapshot> GetRouterAsync(string routerId = ClusterSeed.DefaultRouterId) => Read(Router(routerId).GetSnapshot);

    public Task DeactivateExpertAsync(string expertId, string routerId = ClusterSeed.DefaultRouterId) =>
        Router(routerId).DeactivateExpert(ExpertIds.Validate(expertId, nameof(expertId)));

    /// <summary>Moves an expert along its lifecycle, audited and journaled as <paramref name="actor"/> (default <see cref="DefaultActor"/>).</summary>
    public Task<ExpertSnapshot> SetExpertStatusAsync(string expertId, ExpertStatus status, string? actor = null) =>
        Expert(expertId).SetStatus(status, actor ?? DefaultActor);

    /// <summary>Routes one input vector; returns the decision without invoking any expert.</summary>
    public Task<RouteDecision> RouteAsync(IEnumerable<float> input, string routerId = ClusterSeed.DefaultRouterId) =>
        Router(routerId).Route([.. input]);

    /// <summary>Routes a prompt and returns the decision with the serving expert's answer.</summary>
    public Task<AskResult> AskAsync(string prompt, string routerId = ClusterSeed.DefaultRouterId, string? requestId = null) =>
        AskAsync(new AskRequest(requestId ?? Guid.NewGuid().ToString("n"), prompt), routerId);

    /// <summary>
    /// Asks through the full request path (tenant budget, cache, policy, ledger); see <see cref="AskRequest"/>. An ask whose
    /// gateway was lost on the way is sent again with the same request id (the cluster answers an id once; see
    /// <see cref="FailoverRetry"/>).
    /// </summary>
    /// <exception cref="RequestTooLargeException">The request is over <see cref="MaxRequestBytes"/>; nothing was sent.</exception>
    /// <exception cref="ArgumentException">An id of the request or the router id is not well-formed; nothing was sent.</exception>
    public Task<AskResult> AskAsync(AskRequest request, string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = ChatRouter(routerId);
        var checkedRequest = AskRequestPreflight.Validate(request, MaxRequestBytes);
        return _retry.AskAsync(() => router.Ask(checkedRequest));
    }

    /// <summary>The same, streaming the answer; the last chunk carries the result and its routing metadata.</summary>
    /// <exception cref="RequestTooLargeException">The request is over <see cref="MaxRequestBytes"/>; nothing was sent.</exception>
    public IAsyncEnumerable<AskChunk> AskStreamingAsync(AskRequest request, string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = ChatRouter(routerId);
        return router.AskStreaming(AskRequestPreflight.Validate(request, MaxRequestBytes));
    }

    /// <summary>Feedback on an answered request: a score in [0, 1], or a preference between two experts that answered it.</summary>
    public Task SendFeedbackAsync(FeedbackRequest feedback, string routerId = ClusterSeed.DefaultRouterId)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var router = ChatRouter(routerId);
        RequestIds.Validate(feedback.RequestId, nameof(feedback));
        if (feedback.TenantId is { } tenant) TenantIds.Validate(tenant, nameof(feedback));
        return router.Feedback(feedback);
    }

    /// <summary>Creates or changes a tenant: budget, period, quality target, policy, API keys (hashes only; see <see cref="ApiKeys.Hash"/>).</summary>
    public Task<TenantSettings> ConfigureTenantAsync(string tenantId, TenantSettings settings) => Tenant(tenantId).Configure(settings);

    /// <summary>Creates a tenant (no keys yet; issue them with <see cref="CreateApiKeyAsync"/>); throws <see cref="InvalidOperationException"/> when it exists.</summary>
    public Task<TenantSettings> CreateTenantAsync(string tenantId, TenantSettings settings) => Tenant(tenantId).Create(settings);

    /// <summary>Changes some of a tenant's settings (budget, period, quality target, policy); its keys stay as they are.</summary>
    public Task<TenantSettings> ChangeTenantAsync(string tenantId, TenantChanges changes) => Tenant(tenantId).Change(changes);

    public Task<TenantSettings> GetTenantAsync(string tenantId) => Read(Tenant(tenantId).GetSettings);

    /// <summary>Every configured tenant with its settings, in id order.</summary>
    public async Task<IReadOnlyList<(string Id, TenantSettings Settings)>> ListTenantsAsync()
    {
        var ids = await Read(() => Cluster.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Cluster).List());
        var settings = await Task.WhenAll(ids.Select(GetTenantAsync));
        return ids.Zip(settings).ToList();
    }

    /// <summary>Issues a key: the cluster generates it and keeps only its hash, so the returned key is shown this once.</summary>
    public Task<IssuedApiKey> CreateApiKeyAsync(string tenantId, ApiKeyRequest request) => Tenant(tenantId).IssueKey(request);

    /// <summary>A tenant's keys: id, name, created, limits, admin flag (hashes only, never keys).</summary>
    public async Task<ImmutableArray<ApiKeySettings>> ListApiKeysAsync(string tenantId) =>
        (await GetTenantAsync(tenantId)).ApiKeys;

    /// <summary>Revokes the key with public id <paramref name="keyId"/>; null when the tenant has no such key.</summary>
    public Task<ApiKeySettings?> RevokeApiKeyAsync(string tenantId, string keyId) => Tenant(tenantId).RevokeKey(keyId);

    /// <summary>The tenant's budget period: spent, reserved, remaining.</summary>
    public Task<TenantUsage> GetTenantUsageAsync(string tenantId) => Read(Tenant(tenantId).GetUsage);

    /// <summary>The ledger's cost, savings and request counts for one tenant over [from, to).</summary>
    public Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to)
    {
        var tenant = TenantIds.Validate(tenantId, nameof(tenantId));
        return Read(() => Cluster.GetGrain<ILedgerQueryGrain>(0).GetCost(tenant, from, to));
    }

    /// <summary>One tenant's routing history, newest first.</summary>
    public Task<LedgerHistoryPage> GetRoutingHistoryAsync(string tenantId, int pageSize = 50, string? cursor = null)
    {
        var tenant = TenantIds.Validate(tenantId, nameof(tenantId));
        return Read(() => Cluster.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, pageSize, cursor));
    }

    /// <summary>Moecraft as a Microsoft.Extensions.AI chat client, with this client's request limit unless the options set one.</summary>
    public MoecraftChatClient AsChatClient(MoecraftChatClientOptions? options = null)
    {
        options ??= new MoecraftChatClientOptions();
        return new(Cluster, options.MaxRequestBytes is null ? options with { MaxRequestBytes = MaxRequestBytes } : options);
    }

    /// <summary>Moecraft's embedding generator as a Microsoft.Extensions.AI embedding generator, with this client's request limit.</summary>
    public MoecraftEmbeddingGenerator AsEmbeddingGenerator(string routerId = ClusterSeed.DefaultRouterId) => new(Cluster, routerId, MaxRequestBytes);

    /// <summary>
    /// The embedder the router's state was made with, beside the embedder of the node this client reaches (its gateway's
    /// silo, where the chat router runs): a node whose embedder differs refuses the router's requests until it is migrated.
    /// </summary>
    public Task<EmbedderStatus> GetEmbedderStatusAsync(string routerId = ClusterSeed.DefaultRouterId) => Read(ChatRouter(routerId).GetEmbedderStatus);

    /// <summary>
    /// Moves the router to the embedder of the node this client reaches: an audited epoch boundary that re-initialises what
    /// lived in the old embedder's space (gate weights, success predictor, centroids, scars, reflexes, cache entries) and
    /// keeps counters. On that embedder already: nothing changes.
    /// </summary>
    public Task<EmbedderMigrationReport> MigrateEmbedderAsync(string routerId = ClusterSeed.DefaultRouterId, string? actor = null) =>
        ChatRouter(routerId).MigrateEmbedder(actor ?? DefaultActor);

    /// <summary>A router layer's coherence, clocks, load and free energy (SPEC 3).</summary>
    public Task<LayerHealthReport> GetHealthAsync(string routerId = ClusterSeed.DefaultRouterId) => Read(Router(routerId).GetHealth);

    /// <summary>The router's recorded lifecycle decisions, proposed or not, oldest first.</summary>
    public async Task<IReadOnlyList<LifecycleDecisionRecord>> GetLifecycleDecisionsAsync(string routerId = ClusterSeed.DefaultRouterId) =>
        await Read(Router(routerId).GetProposals);

    /// <summary>
    /// Executes a proposed lifecycle edit; the router starts a new epoch. Audited and journaled as <paramref name="actor"/>
    /// (default <see cref="DefaultActor"/>).
    /// </summary>
    public Task<LifecycleDecisionRecord> ApplyLifecycleDecisionAsync(long decisionId, string routerId = ClusterSeed.DefaultRouterId, string? actor = null) =>
        Router(routerId).ApplyProposal(decisionId, actor ?? DefaultActor);

    /// <summary>The router's three temporal keepers (fast, mid, slow): clocks, epochs, budgets, proposals and committed events.</summary>
    public async Task<IReadOnlyList<KeeperSnapshot>> GetKeepersAsync(string routerId = ClusterSeed.DefaultRouterId) =>
        await Task.WhenAll(Enum.GetValues<KeeperClock>().Select(clock => Read(Keeper(routerId, clock).GetSnapshot)));

    /// <summary>Commits a keeper proposal whose dwell has passed (the evidence is re-checked); repeated calls return the first decision.</summary>
    public Task<CommitResult> CommitKeeperProposalAsync(string routerId, KeeperClock clock, string proposalId) =>
        Keeper(routerId, clock).Commit(proposalId);

    /// <summary>Proposes cancelling a committed scar or reflex; it takes effect when the proposal commits after the dwell.</summary>
    public Task<string> ProposeCompensationAsync(string routerId, KeeperClock clock, long sequence, string reason) =>
        Keeper(routerId, clock).ProposeCompensation(sequence, reason);

    private IKeeperGrain Keeper(string routerId, KeeperClock clock) =>
        Cluster.GetGrain<IKeeperGrain>(KeeperClocks.Key(RouterIds.Validate(routerId, nameof(routerId)), clock));

    /// <summary>
    /// Reads a whole audit log for verification or export: first what to trust (the cluster's node ids and the checkpoints
    /// its peers witnessed), then its checkpoints, then every entry up to the head, so a log growing meanwhile never shows
    /// a signed size ahead of the entries read. <paramref name="progress"/>, when given, hears after every page read.
    /// </summary>
    public async Task<AuditExport> ExportAuditAsync(
        string logId = AuditLogs.Cluster, CancellationToken cancellationToken = default, IProgress<AuditReadProgress>? progress = null)
    {
        const int page = 1000;
        Identifiers.Validate(logId, "audit log id", nameof(logId));
        var trust = await GetAuditTrustAsync(logId, cancellationToken);
        var log = Cluster.GetGrain<IAuditLogGrain>(logId);
        var checkpoints = await log.GetCheckpoints().WaitAsync(cancellationToken);
        // Only for the progress: the head read here may already be behind when the last page is read.
        var total = progress is null ? 0 : (await log.GetHead().WaitAsync(cancellationToken)).Size;
        var entries = new List<AuditEntry>();
        while (true)
        {
            var batch = await log.Read(entries.Count + 1, page).WaitAsync(cancellationToken);
            entries.AddRange(batch);
            progress?.Report(new AuditReadProgress(entries.Count, Math.Max(total, entries.Count)));
            if (batch.Length < page) break;
        }
        return new AuditExport(logId, entries, checkpoints, trust);
    }

    /// <summary>
    /// What an audit log is verified against: the node ids the cluster knows (its nodes' keys, as federation records them)
    /// and the checkpoints of <paramref name="logId"/> its peers witnessed in heartbeats.
    /// </summary>
    public Task<AuditTrust> GetAuditTrustAsync(string logId = AuditLogs.Cluster, CancellationToken cancellationToken = default) =>
        Cluster.GetGrain<IAuditTrustGrain>(0).GetTrust(logId).WaitAsync(cancellationToken);

    /// <summary>
    /// Has the cluster sign the seal an export file of <paramref name="export"/> ends with: over its last entry, as the
    /// log holds it now. Verify the export first: the seal vouches for what it covers.
    /// </summary>
    /// <exception cref="ArgumentException">The export holds no entries; nothing was sealed.</exception>
    /// <exception cref="InvalidOperationException">The log's entry changed since it was read; export again.</exception>
    public async Task<AuditExportSeal> SealAuditExportAsync(AuditExport export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.Entries.Count == 0) throw new ArgumentException($"Audit log '{export.LogId}' has no entries: there is nothing to export.", nameof(export));
        var seal = await Cluster.GetGrain<IAuditLogGrain>(export.LogId).SealExport(export.Entries.Count).WaitAsync(cancellationToken);
        return seal.HeadHash == export.Entries[^1].Hash
            ? seal
            : throw new InvalidOperationException($"Entry {seal.Size} of audit log '{export.LogId}' changed while it was exported; nothing was written. Verify the log.");
    }

    /// <summary>The cluster's silos as the management grain sees them.</summary>
    public async Task<IReadOnlyList<SiloInfo>> GetSilosAsync()
    {
        var hosts = await Read(() => Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false));
        return hosts.Select(h => new SiloInfo(h.SiloName, h.SiloAddress.ToString(), h.Status.ToString(), h.StartTime)).ToList();
    }

    /// <summary>Who this process acts as when a governance call names nobody: user@machine.</summary>
    public static string DefaultActor => $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>The current policy and kill-switch state.</summary>
    public Task<GovernanceSnapshot> GetGovernanceAsync(string governanceId = GovernanceIds.Cluster) =>
        Read(Governance(governanceId).GetSnapshot);

    /// <summary>Every policy version, oldest first (version 0 is the built-in default).</summary>
    public async Task<IReadOnlyList<PolicyVersion>> GetPolicyHistoryAsync(string governanceId = GovernanceIds.Cluster) =>
        await Read(Governance(governanceId).GetPolicyHistory);

    public Task<PolicyVersion> GetPolicyVersionAsync(long version, string governanceId = GovernanceIds.Cluster)
    {
        var governance = Governance(governanceId);
        return Read(() => governance.GetPolicyVersion(version));
    }

    /// <summary>Sets the next policy version; with <paramref name="expectedVersion"/> only if nobody changed it since.</summary>
    public Task<PolicyVersion> SetPolicyAsync(
        GovernancePolicy policy, string? actor = null, long? expectedVersion = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).SetPolicy(policy, actor ?? DefaultActor, expectedVersion);

    /// <summary>The kill switch: returns once every silo refuses new work with <see cref="ClusterHaltedException"/>.</summary>
    public Task<HaltState> HaltAsync(string reason, string? actor = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).Halt(actor ?? DefaultActor, reason);

    /// <summary>Lifts the kill switch; work may start again once it returns.</summary>
    public Task<HaltState> ResumeAsync(string? actor = null, string governanceId = GovernanceIds.Cluster) =>
        Governance(governanceId).Resume(actor ?? DefaultActor);

    /// <summary>Recorded policy changes, halts and resumes, oldest first.</summary>
    public async Task<IReadOnlyList<GovernanceEvent>> GetGovernanceEventsAsync(string governanceId = GovernanceIds.Cluster) =>
        await Read(Governance(governanceId).GetEvents);

    /// <summary>
    /// The journal of <paramref name="node"/> for the UTC <paramref name="day"/>; without a node, the journals of every
    /// node currently in the cluster (by silo name), one per node.
    /// </summary>
    public async Task<IReadOnlyList<JournalDay>> GetJournalAsync(string? node, DateOnly day)
    {
        var nodes = node is not null ? [node] : (await GetSilosAsync()).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var keys = nodes.Select(n => JournalKeys.For(n, day)).ToList();
        return await Task.WhenAll(keys.Select(k => Read(Cluster.GetGrain<IJournalGrain>(k).Read)));
    }

    /// <summary>
    /// The peer table of <paramref name="node"/> (SPEC 6): each peer's tier as that node assigned it, liveness, last
    /// heartbeat, clock digest and manifest; without a node, the table of every active node, in name order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not an active silo of the cluster.</exception>
    public async Task<IReadOnlyList<FederationPeerTable>> GetPeersAsync(string? node = null) =>
        await Task.WhenAll((await FederationNodesAsync(node)).Select(async n => new FederationPeerTable(n, await NodeIdAsync(n), await Read(Peer(n).GetPeers))));

    /// <summary>
    /// Has <paramref name="node"/> (without one: every active node) exchange manifests with every other node in the
    /// membership; new peers are recorded as UNKNOWN. Returns the peer tables after.
    /// </summary>
    /// <exception cref="FederationRefusedException">Federation is disabled on the node.</exception>
    public async Task<IReadOnlyList<FederationPeerTable>> DiscoverPeersAsync(string? node = null) =>
        await Task.WhenAll((await FederationNodesAsync(node)).Select(async n => new FederationPeerTable(n, await NodeIdAsync(n), await Peer(n).DiscoverPeers())));

    /// <summary>
    /// An operator sets the tier <paramref name="node"/> assigns <paramref name="peer"/> (the only way to CORE; a demotion
    /// holds at once); audited and journaled. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="ArgumentException">The node has no such peer, an unknown tier, an invalid actor, or no node named; nothing changed.</exception>
    public async Task<PeerInfo> SetPeerTierAsync(string? node, string peer, TrustTier tier, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peer);
        return await Peer(await ResolveNodeAsync(node)).SetTier(peer, tier, actor ?? DefaultActor);
    }

    /// <summary>
    /// Has <paramref name="node"/> add a node of another cluster by the address of its HTTP API (its federation surface):
    /// the node fetches that peer's manifest and verifies it before anything else happens, records it UNKNOWN with its
    /// address, and introduces itself with a signed exchange. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="ArgumentException">Not an absolute http(s) address, or no node named; nothing changed.</exception>
    /// <exception cref="FederationRefusedException">The manifest fails verification or claims a name it may not; nothing changed.</exception>
    public async Task<PeerInfo> AddPeerAsync(string? node, string address)
    {
        if (!PeerAddress.IsHttpUrl(address))
            throw new ArgumentException($"A peer's address is the http(s) URL of its HTTP API, e.g. https://node.example:8080; got '{address}'.", nameof(address));
        return await Peer(await ResolveNodeAsync(node)).AddPeer(address);
    }

    /// <summary>
    /// Has <paramref name="node"/> pull <paramref name="peer"/>'s packets until caught up, each verified and stored before
    /// it counts; what the peer may send depends on the tier the node assigned it. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="FederationRefusedException">No such peer, or its tier may not send packets (or the peer refuses the pull); nothing stored.</exception>
    public async Task<SyncReport> SyncFromAsync(string? node, string peer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peer);
        return await Peer(await ResolveNodeAsync(node)).SyncFrom(peer);
    }

    /// <summary>
    /// Publishes knowledge as <paramref name="node"/> (its origin): a signed packet its CORE peers pull. Build the draft with
    /// <c>FederatedKnowledge</c>'s helpers (cache entries, priors, scars, reputations) or any canonical JSON content.
    /// </summary>
    public async Task<KnowledgePacket> PublishKnowledgeAsync(string? node, PacketDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return await Peer(await ResolveNodeAsync(node)).Publish(draft);
    }

    /// <summary>The sync clock of <paramref name="node"/>: per origin (node id), the highest contiguous sequence held. Without a node, the cluster's only node.</summary>
    public async Task<ImmutableArray<FeedPosition>> GetFederationClockAsync(string? node = null)
    {
        var resolved = await ResolveNodeAsync(node);
        return await Read(Peer(resolved).GetClock);
    }

    /// <summary>
    /// The resolved view of a logical key on <paramref name="node"/>: the winner among the heads (packets not superseded)
    /// and the other heads as conflicts, over the packets the node serves. Without a node, the cluster's only node.
    /// </summary>
    public async Task<KnowledgeView> ResolveKnowledgeAsync(string? node, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var resolved = await ResolveNodeAsync(node);
        return await Read(() => Peer(resolved).Resolve(key));
    }

    /// <summary>
    /// The node a single-node federation call goes to: <paramref name="node"/> when given (it must be an active silo), else
    /// the cluster's only active node.
    /// </summary>
    /// <exception cref="ArgumentException">The node is not active, or none is named and the cluster has several (or none).</exception>
    public async Task<string> ResolveNodeAsync(string? node)
    {
        var nodes = await FederationNodesAsync(node);
        return nodes.Count == 1
            ? nodes[0]
            : throw new ArgumentException(
                $"The cluster has {nodes.Count} active nodes ({string.Join(", ", nodes)}); name the node to ask (the CLI's --node).", nameof(node));
    }

    /// <summary>The names of the cluster's active silos (its federation nodes), in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> GetActiveNodesAsync()
    {
        var hosts = await Read(() => Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true));
        return hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    // The named node (checked to be an active silo: a peer grain lives only there), or every active node.
    private async Task<IReadOnlyList<string>> FederationNodesAsync(string? node)
    {
        if (node is not null) ArgumentException.ThrowIfNullOrWhiteSpace(node);
        var active = await GetActiveNodesAsync();
        if (node is null)
            return active.Count > 0 ? active : throw new ArgumentException("The cluster has no active silo (node) to ask.", nameof(node));
        return active.Contains(node, StringComparer.Ordinal)
            ? [node]
            : throw new ArgumentException(
                $"Node '{node}' is not an active silo of this cluster (active: {(active.Count == 0 ? "none" : string.Join(", ", active))}).", nameof(node));
    }

    private async Task<string> NodeIdAsync(string node) => (await Read(Peer(node).GetManifest)).NodeId;

    // A read is safe to send again: while a dead silo is replaced, it is (see FailoverRetry).
    private Task<T> Read<T>(Func<Task<T>> read) => _retry.ReadAsync(read);

    private IFederationPeerGrain Peer(string node) => Cluster.GetGrain<IFederationPeerGrain>(node);

    public async ValueTask DisposeAsync()
    {
        if (_ownedHost is null) return;
        await _ownedHost.StopAsync();
        _ownedHost.Dispose();
    }

    // Every grain reference is made through a checked id: a malformed one never leaves this process.
    private IRouterLayerGrain Router(string routerId) => Cluster.GetGrain<IRouterLayerGrain>(RouterIds.Validate(routerId, nameof(routerId)));

    private IChatRouterGrain ChatRouter(string routerId) => Cluster.GetGrain<IChatRouterGrain>(RouterIds.Validate(routerId, nameof(routerId)));

    private IExpertGrain Expert(string expertId) => Cluster.GetGrain<IExpertGrain>(ExpertIds.Validate(expertId, nameof(expertId)));

    private ITenantGrain Tenant(string tenantId) => Cluster.GetGrain<ITenantGrain>(TenantIds.Validate(tenantId, nameof(tenantId)));

    private IGovernanceGrain Governance(string governanceId)
    {
        GovernanceIds.Validate(governanceId, nameof(governanceId));
        return Cluster.GetGrain<IGovernanceGrain>(governanceId);
    }
}

using Moecraft.Cluster;
using Moecraft.Kernel;
using Moecraft.Lifecycle;
using Moecraft.Routing;

namespace Moecraft.Client;

// The router layer: its configuration, routing without asking, its embedder, health, lifecycle decisions and keepers.
public sealed partial class MoecraftClient
{
    public Task<RouterSnapshot> ConfigureRouterAsync(string routerId, RouterConfiguration configuration) =>
        Router(routerId).Configure(configuration);

    public Task<RouterSnapshot> GetRouterAsync(string routerId = ClusterSeed.DefaultRouterId) => Read(Router(routerId).GetSnapshot);

    /// <summary>Routes one input vector; returns the decision without invoking any expert.</summary>
    public Task<RouteDecision> RouteAsync(IEnumerable<float> input, string routerId = ClusterSeed.DefaultRouterId) =>
        Router(routerId).Route([.. input]);

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
}

using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>A router layer: a fixed-width roster of expert slots with gating weights (key: router id).</summary>
[Alias("moecraft.IRouterLayerGrain")]
public interface IRouterLayerGrain : IGrainWithStringKey
{
    /// <summary>Creates the router with this shape; repeating the same shape is a no-op, a different one is rejected.</summary>
    [Alias("Configure")]
    Task<RouterSnapshot> Configure(RouterConfiguration configuration);

    /// <summary>The router's state; throws when it was never configured.</summary>
    [Alias("GetSnapshot")]
    Task<RouterSnapshot> GetSnapshot();

    /// <summary>Puts an expert on the roster (first free slot) or re-activates its slot; returns the slot.</summary>
    [Alias("RegisterExpert")]
    Task<int> RegisterExpert(string expertId);

    /// <summary>Masks an expert's slot out of routing; the slot and its weights are kept.</summary>
    [Alias("DeactivateExpert")]
    Task DeactivateExpert(string expertId);

    /// <summary>Moves a slot along the expert lifecycle: cooling and archived slots take no new routing; active restores.</summary>
    [Alias("SetExpertStatus")]
    Task SetExpertStatus(string expertId, ExpertStatus status);

    /// <summary>
    /// Moves a slot along the expert lifecycle on behalf of <paramref name="actor"/>: the new epoch names the actor and the
    /// move is stored with its audit entry. An invalid actor is rejected and changes nothing.
    /// </summary>
    [Alias("SetExpertStatusAs")]
    Task SetExpertStatus(string expertId, ExpertStatus status, string actor);

    /// <summary>Routes one input vector of width <c>d</c>.</summary>
    [Alias("Route")]
    Task<RouteDecision> Route(ImmutableArray<float> input);

    /// <summary>Routes a batch of units laid out row-major <c>[T, d]</c>, with clean and biased statistics.</summary>
    [Alias("RouteBatch")]
    Task<BatchRouteResult> RouteBatch(ImmutableArray<float> inputs);

    /// <summary>
    /// Takes one step's trace, updates coherence, clocks, bias and bimodality from it, and returns <c>beta</c> for the
    /// next step. A malformed trace is rejected with an <see cref="ArgumentException"/> and changes nothing.
    /// </summary>
    [Alias("ObserveTrace")]
    Task<TraceObservation> ObserveTrace(TraceSummary summary);

    [Alias("GetHealth")]
    Task<LayerHealthReport> GetHealth();

    /// <summary>
    /// The router's health over time: a snapshot per period while it moves (the oldest dropped beyond the silo's limit)
    /// and where its recent epochs began. Snapshots are taken on a timer, never on the request path.
    /// </summary>
    [Alias("GetHealthHistory")]
    Task<RouterHealthHistory> GetHealthHistory();

    [Alias("GetSettings")]
    Task<RouterSettings> GetSettings();

    [Alias("UpdateSettings")]
    Task<RouterSettings> UpdateSettings(RouterSettings settings);

    /// <summary>Every recorded lifecycle decision, proposed or not, oldest first (the most recent 512 are kept).</summary>
    [Alias("GetProposals")]
    Task<ImmutableArray<LifecycleDecisionRecord>> GetProposals();

    /// <summary>Executes a proposed edit; the roster edit starts a new epoch.</summary>
    [Alias("ApplyProposal")]
    Task<LifecycleDecisionRecord> ApplyProposal(long id);

    /// <summary>
    /// Executes a proposed edit on behalf of <paramref name="actor"/>: the roster edit is stored with its audit entry and
    /// journaled under that name. A decision that is not proposed, or an invalid actor, changes and audits nothing.
    /// </summary>
    [Alias("ApplyProposalAs")]
    Task<LifecycleDecisionRecord> ApplyProposal(long id, string actor);

    /// <summary>The LLM path's gate: per active expert, the learned probability of an acceptable answer for this input, with the route decision.</summary>
    [Alias("Gate")]
    Task<GateReport> Gate(ImmutableArray<float> input);

    /// <summary>
    /// <see cref="Gate(ImmutableArray{float})"/> with the prompt's statistics (<c>PromptStatistics.Of</c>: length, digits,
    /// formulas, code, questions, choices, turns), which the learned gate weighs beside the embedding.
    /// </summary>
    [Alias("GateWithStatistics")]
    Task<GateReport> Gate(ImmutableArray<float> input, ImmutableArray<float> statistics);

    /// <summary>
    /// The gate for a request that names its experts (<paramref name="pinned"/>: the fixed expert and its fallbacks), without
    /// the prompt: every active expert with its prompt-blind predicted success, no route decision. Null when a committed scar
    /// of a pinned expert could hold the prompt: then the caller embeds the prompt and calls <see cref="Gate"/>.
    /// </summary>
    [Alias("GatePinned")]
    Task<GateReport?> GatePinned(ImmutableArray<string> pinned);

    /// <summary>Per expert the gate offered since the router was activated, its recent predicted success (an average over gate calls).</summary>
    [Alias("GetPredictedSuccess")]
    Task<ImmutableArray<PredictedSuccess>> GetPredictedSuccess();

    /// <summary>Feedback: the answer <paramref name="expertId"/> gave for <paramref name="input"/> scored <paramref name="score"/> in [0, 1].</summary>
    [Alias("LearnScore")]
    Task LearnScore(ImmutableArray<float> input, string expertId, double score);

    /// <summary><see cref="LearnScore(ImmutableArray{float}, string, double)"/> with the prompt's statistics.</summary>
    [Alias("LearnScoreWithStatistics")]
    Task LearnScore(ImmutableArray<float> input, ImmutableArray<float> statistics, string expertId, double score);

    /// <summary>
    /// <see cref="LearnScore(ImmutableArray{float}, ImmutableArray{float}, string, double)"/> with the scored answer's
    /// features too (<c>AnswerFeatures.Of</c>: the prompt's and the answer's embeddings and statistics), which also teach
    /// the answer-acceptability predictor the request path's cascade escalates by (issue 14).
    /// </summary>
    [Alias("LearnScoreWithAnswer")]
    Task LearnScore(ImmutableArray<float> input, ImmutableArray<float> statistics, ImmutableArray<float> answer, string expertId, double score);

    /// <summary>
    /// The learned probability that <paramref name="expertId"/>'s answer with these features (<c>AnswerFeatures.Of</c>) is
    /// acceptable; null while fewer than the minimum samples of that expert's answers were scored (nothing to judge by).
    /// </summary>
    [Alias("PredictAcceptability")]
    Task<double?> PredictAcceptability(ImmutableArray<float> answer, string expertId);

    /// <summary>Feedback: for <paramref name="input"/>, <paramref name="preferred"/>'s answer was better than <paramref name="over"/>'s.</summary>
    [Alias("LearnPreference")]
    Task LearnPreference(ImmutableArray<float> input, string preferred, string over);

    /// <summary><see cref="LearnPreference(ImmutableArray{float}, string, string)"/> with the prompt's statistics.</summary>
    [Alias("LearnPreferenceWithStatistics")]
    Task LearnPreference(ImmutableArray<float> input, ImmutableArray<float> statistics, string preferred, string over);

    /// <summary>
    /// Replaces the cached scars with the slow keeper's committed ones as of event <paramref name="sequence"/>; an older
    /// sequence than the cached one is ignored. Called by <see cref="IKeeperOperatorGrain"/> after an operator's commit, and by the router itself
    /// with its slow keeper's answer to a tick (SPEC 5.1: identity changes go through a keeper).
    /// </summary>
    /// <exception cref="ArgumentException">A scar whose centroid does not fit the router; nothing changed.</exception>
    [Alias("ApplyScars")]
    Task ApplyScars(long sequence, ImmutableArray<RegionClaim> scars);

    /// <summary>
    /// Replaces the cached reflexes with the fast keeper's committed ones as of event <paramref name="sequence"/>; an older
    /// sequence than the cached one is ignored. Called by <see cref="IKeeperOperatorGrain"/> after an operator's commit, and by the router itself
    /// with its fast keeper's answer to a tick.
    /// </summary>
    /// <exception cref="ArgumentException">A reflex whose centroid does not fit the router; nothing changed.</exception>
    [Alias("ApplyReflexes")]
    Task ApplyReflexes(long sequence, ImmutableArray<RegionClaim> reflexes);

    /// <summary>The reflexes the request path honours: inside the region, the expert answers first without the policy (unless scarred there).</summary>
    [Alias("GetReflexes")]
    Task<ImmutableArray<RegionClaim>> GetReflexes();

    /// <summary>
    /// The router-side counters behind a reflex's gates 1-4 (SPEC 5.3) for <paramref name="expertId"/> in a region; read by
    /// <see cref="IKeeperOperatorGrain"/> for an operator's reflex proposal (the router sends them itself with its own proposals and ticks).
    /// </summary>
    /// <exception cref="ArgumentException">An expert not on the roster or a region that does not fit the router.</exception>
    [Alias("GetReflexStatistics")]
    Task<ReflexStatistics> GetReflexStatistics(string expertId, ImmutableArray<float> centroid, double radius);

    /// <summary>
    /// What an operator's call to a keeper sends with it (see <see cref="IKeeperOperatorGrain"/>): the evidence the router
    /// sends with its own ticks, its counters for the reflex <paramref name="reflexProposals"/> of experts on the roster, and
    /// which keeper events it holds.
    /// </summary>
    [Alias("ReadForKeepers")]
    Task<RouterKernelReading> ReadForKeepers(ImmutableArray<KernelProposal> reflexProposals);

    /// <summary>The scars the request path honours: an expert scarred for a region is not offered for prompts inside it.</summary>
    [Alias("GetScars")]
    Task<ImmutableArray<RegionClaim>> GetScars();

    /// <summary>
    /// Reports that <paramref name="expertId"/> failed a request with input <paramref name="input"/> (the request path calls
    /// it on every failover). When enough failures gather in one region, the router proposes a scar there to its slow
    /// keeper, which commits it itself after the dwell if the evidence still holds (SPEC 5.3). Returns true when it proposed.
    /// </summary>
    /// <exception cref="ArgumentException">An input that does not fit the router or an expert not on the roster; nothing recorded.</exception>
    [Alias("ReportFailure")]
    Task<bool> ReportFailure(ImmutableArray<float> input, string expertId);

    /// <summary>The embedder the router's gate weights, centroids, scars and reflexes were made with.</summary>
    [Alias("GetEmbedder")]
    Task<RouterEmbedder> GetEmbedder();

    /// <summary>
    /// Moves the router to <paramref name="target"/> as an audited epoch boundary: what lives in the old embedder's space
    /// (gate weights, success predictor, centroids and coherence, scars and reflexes; cache entries are never compared across
    /// embedders) starts afresh, counters are kept, and the keepers record the boundary. Already on the target: nothing changes.
    /// </summary>
    /// <exception cref="ArgumentException">A malformed target or actor; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">A neural layer (its inputs are hidden states, not embeddings); nothing changed.</exception>
    [Alias("MigrateEmbedder")]
    Task<EmbedderMigrationReport> MigrateEmbedder(EmbedderIdentity target, string actor);
}

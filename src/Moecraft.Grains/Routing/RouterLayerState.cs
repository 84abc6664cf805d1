using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>
/// Persisted state of a router layer: numeric state as plain arrays (tensors are built per call).
/// Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Alias("moecraft.RouterLayerState")]
public sealed class RouterLayerState
{
    [Id(0)] public RouterConfiguration? Configuration { get; set; }

    /// <summary>Expert id per slot; null marks a free slot.</summary>
    [Id(1)] public string?[] SlotExperts { get; set; } = [];

    /// <summary>The active mask: only active slots take part in routing.</summary>
    [Id(2)] public bool[] Active { get; set; } = [];

    /// <summary>Gating weights <c>W</c>, row-major <c>[E_max, d]</c>.</summary>
    [Id(3)] public float[] Weights { get; set; } = [];

    /// <summary>Gating bias <c>b</c>, <c>[E_max]</c>.</summary>
    [Id(4)] public float[] Bias { get; set; } = [];

    /// <summary>Increments with every roster edit or policy change (SPEC 5.3); every decision names the epoch it was made in.</summary>
    [Id(5)] public int Epoch { get; set; }

    [Id(6)] public long RoutedUnits { get; set; }

    /// <summary>Lifecycle status per slot (active, cooling, archived); <see cref="Active"/> is true exactly where it is active.</summary>
    [Id(7)] public ExpertStatus[] SlotStatus { get; set; } = [];

    [Id(8)] public RouterSettings Settings { get; set; } = RouterSettings.Default;

    /// <summary>Coherence, clocks, bias and bimodality; null until the first trace.</summary>
    [Id(9)] public EngineStateRecord? Engine { get; set; }

    /// <summary>The LLM path's learned success predictor (SPEC 4.4); null until the first gate call.</summary>
    [Id(10)] public SuccessPredictorRecord? Predictor { get; set; }

    /// <summary>The slow keeper's committed scars, cached so the request path never calls the keeper.</summary>
    [Id(11)] public List<RegionClaim> Scars { get; set; } = [];

    /// <summary>The keeper event sequence <see cref="Scars"/> is current as of.</summary>
    [Id(12)] public long ScarSequence { get; set; }

    /// <summary>Feedback scores per expert id (count and mean), the evidence of a reflex's third gate (SPEC 5.3).</summary>
    [Id(13)] public Dictionary<string, ExpertFeedbackRecord> Feedback { get; set; } = [];

    /// <summary>The fast keeper's committed reflexes, cached so the request path never calls the keeper.</summary>
    [Id(14)] public List<RegionClaim> Reflexes { get; set; } = [];

    /// <summary>The keeper event sequence <see cref="Reflexes"/> is current as of.</summary>
    [Id(15)] public long ReflexSequence { get; set; }

    /// <summary>The governance policy version the current epoch runs under; null until the router first reads one.</summary>
    [Id(16)] public long? EpochPolicyVersion { get; set; }

    /// <summary>Why the current epoch began (a roster edit or a policy change), as told to the keepers.</summary>
    [Id(17)] public string? EpochReason { get; set; }

    /// <summary>The trace step the current epoch began at: where the keepers' clocks re-base.</summary>
    [Id(18)] public long EpochStartStep { get; set; }

    /// <summary>Where the most recent epochs began, oldest first (at most <see cref="RouterHealthLog.EpochsKept"/>).</summary>
    [Id(19)] public List<EpochBoundary> Epochs { get; set; } = [];

    /// <summary>Audit entries of operators' stored roster changes not yet known to be in the cluster log (see <see cref="AuditOutbox"/>).</summary>
    [Id(20)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;

    /// <summary>
    /// The epoch that began with the router's current embedder (0: since it was configured). Scars and reflexes committed
    /// before it lie in another embedder's space and are not applied (they stay on the keepers' logs).
    /// </summary>
    [Id(21)] public int EmbedderEpoch { get; set; }

    /// <summary>
    /// The gain head (issue 14): per pair of experts, the predicted gain of one's answer over the other's, learned from
    /// feedback that scores both for one prompt (a preference); null until the first such feedback.
    /// </summary>
    [Id(22)] public GainPredictorRecord? GainHead { get; set; }

    /// <summary>
    /// The answer-acceptability predictor (issue 14): per expert, the probability that an answer is acceptable, from the
    /// prompt and the answer (<c>AnswerFeatures</c>), learned from scores of stored answers; the request path's cascade
    /// escalates by it. Null until the first such score.
    /// </summary>
    [Id(23)] public SuccessPredictorRecord? Acceptability { get; set; }

    /// <summary>Per expert, how many of its answers taught <see cref="Acceptability"/>: it judges an expert's answers only past the minimum.</summary>
    [Id(24)] public Dictionary<string, long> AcceptabilitySamples { get; set; } = [];

    /// <summary>
    /// A copy to build the next state on (see <see cref="PersistentStateWrites.WriteNextAsync"/>): the arrays, lists and
    /// dictionary edits change in place are copied; records and the engine, predictor, gain head and acceptability records (replaced, never changed) are shared.
    /// </summary>
    public RouterLayerState Copy() => new()
    {
        Configuration = Configuration,
        SlotExperts = [.. SlotExperts],
        Active = [.. Active],
        Weights = [.. Weights],
        Bias = [.. Bias],
        Epoch = Epoch,
        RoutedUnits = RoutedUnits,
        SlotStatus = [.. SlotStatus],
        Settings = Settings,
        Engine = Engine,
        Predictor = Predictor,
        Scars = [.. Scars],
        ScarSequence = ScarSequence,
        Feedback = new(Feedback, Feedback.Comparer),
        Reflexes = [.. Reflexes],
        ReflexSequence = ReflexSequence,
        EpochPolicyVersion = EpochPolicyVersion,
        EpochReason = EpochReason,
        EpochStartStep = EpochStartStep,
        Epochs = [.. Epochs],
        Audit = Audit,
        EmbedderEpoch = EmbedderEpoch,
        GainHead = GainHead,
        Acceptability = Acceptability,
        AcceptabilitySamples = new(AcceptabilitySamples, AcceptabilitySamples.Comparer),
    };
}

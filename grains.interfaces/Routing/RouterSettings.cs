namespace Moecraft.Routing;

/// <summary>
/// A router's changeable settings: its kind, whether lifecycle edits execute or are only proposed (dry run, the
/// default), how many observed steps pass between lifecycle evaluations, and optional calibration overrides; null keeps
/// the SPEC default for the kind. SPEC 3.1: <c>u</c>, the load step (0.001 neural, 0 LLM), <c>eta</c>, the coherence step
/// (0.01), and the floor added to the coherence spread (1e-6). SPEC 3.6: the <c>phi_slow</c> below which an expert may
/// be pruned (0.3) and the tokens it must have seen first (1,000). SPEC 3.3: the slow clock's half-life (1,000 steps).
/// A deployment calibrates them on its own traces. <c>GovernanceId</c> names the governance whose policy and kill switch
/// the router obeys (null: <c>"cluster"</c>); automatic lifecycle execution needs both <c>ExecuteLifecycle</c> and that
/// policy's lifecycle autonomy.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterSettings")]
public sealed record RouterSettings(
    [Id(0)] RouterKind Kind,
    [Id(1)] bool ExecuteLifecycle,
    [Id(2)] int LifecycleInterval,
    [Id(3)] double? LoadStep = null,
    [Id(4)] double? CoherenceStep = null,
    [Id(5)] double? CoherenceSpreadFloor = null,
    [Id(6)] double? PruneCoherenceBelow = null,
    [Id(7)] double? SlowHalfLife = null,
    [Id(8)] long? PruneMinimumTokens = null,
    [Id(9)] string? GovernanceId = null)
{
    public static RouterSettings Default { get; } = new(RouterKind.LlmRequests, ExecuteLifecycle: false, LifecycleInterval: 100);

    /// <summary>
    /// A neural MoE layer calibrated on the toy bench's traces (T0, 2,000 steps; see docs/CALIBRATION.md): with the SPEC
    /// defaults the standardised coherence term (eta 0.01 on spreads of about 0.05 between healthy experts) outweighs the
    /// load term tenfold and keeps a forced collapse from recovering; a trained layer's <c>phi_loo</c> sits at 0.1-0.6, so
    /// 0.3 would mark healthy experts for pruning; a 1,000-step slow clock is still dominated by the untrained start after
    /// 2,000 steps, and 1,000 tokens are four steps of an untrained layer. Calibrated: eta 0.001 over a spread floor of
    /// 0.1, prune below 0.1 after 100,000 tokens (about 400 T0 steps at an even load), slow half-life 250 steps.
    /// </summary>
    public static RouterSettings CalibratedNeuralLayer { get; } = new(
        RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 100,
        CoherenceStep: 0.001, CoherenceSpreadFloor: 0.1, PruneCoherenceBelow: 0.1, SlowHalfLife: 250, PruneMinimumTokens: 100_000);
}

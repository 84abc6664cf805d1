namespace Moecraft.Routing;

/// <summary>
/// A router's changeable settings: its kind, whether lifecycle edits execute or are only proposed (dry run, the
/// default), how many observed steps pass between lifecycle evaluations, and optional overrides of the slow-bias
/// steps of SPEC 3.1 (<c>u</c>, the load step, and <c>eta</c>, the coherence step; null keeps the SPEC default for the
/// kind: u = 0.001 neural, 0 LLM; eta = 0.01), so a deployment can calibrate them on its own traces.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterSettings")]
public sealed record RouterSettings(
    RouterKind Kind,
    bool ExecuteLifecycle,
    int LifecycleInterval,
    double? LoadStep = null,
    double? CoherenceStep = null)
{
    public static RouterSettings Default { get; } = new(RouterKind.LlmRequests, ExecuteLifecycle: false, LifecycleInterval: 100);
}

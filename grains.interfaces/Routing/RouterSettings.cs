namespace Moecraft.Routing;

/// <summary>
/// A router's changeable settings: its kind, whether lifecycle edits execute or are only proposed (dry run, the
/// default), and how many observed steps pass between lifecycle evaluations.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterSettings")]
public sealed record RouterSettings(RouterKind Kind, bool ExecuteLifecycle, int LifecycleInterval)
{
    public static RouterSettings Default { get; } = new(RouterKind.LlmRequests, ExecuteLifecycle: false, LifecycleInterval: 100);
}

using Moecraft.Lifecycle;

namespace Moecraft.Governance;

/// <summary>Whether a router layer may execute a chosen edit without an operator (SPEC 3.6: dry run unless governance allows).</summary>
public static class LifecycleAutonomyRule
{
    /// <param name="optedIn">The router's own <c>RouterSettings.ExecuteLifecycle</c>: governance can only restrict it.</param>
    public static bool ExecutesAutomatically(bool optedIn, LifecycleAutonomy autonomy, LifecycleEdit edit) => optedIn && autonomy switch
    {
        LifecycleAutonomy.ApplyAll => true,
        LifecycleAutonomy.ApplyPrune => edit == LifecycleEdit.Prune,
        _ => false,
    };
}

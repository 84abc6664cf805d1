using System.Globalization;
using Moecraft.Experts;

namespace Moecraft.Governance;

/// <summary>Readable descriptions of a policy and of what changed, for the journal, events and the CLI.</summary>
public static class PolicyText
{
    public static string Autonomy(LifecycleAutonomy autonomy) => autonomy switch
    {
        LifecycleAutonomy.DryRun => "dry-run",
        LifecycleAutonomy.ApplyPrune => "apply-prune",
        LifecycleAutonomy.ApplyAll => "apply-all",
        _ => autonomy.ToString(),
    };

    /// <summary>One line per setting, as <c>name: value</c>.</summary>
    public static IReadOnlyList<(string Name, string Value)> Lines(GovernancePolicy policy) =>
    [
        ("max tenant budget", policy.MaxTenantBudget?.ToString(CultureInfo.InvariantCulture) ?? "no cap"),
        ("max requests per minute", policy.MaxRequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "no cap"),
        ("allowed backends", policy.AllowedBackends.IsEmpty ? "none" : string.Join(", ", policy.AllowedBackends.Select(Backend))),
        ("max experts per router", policy.MaxExpertsPerRouter.ToString(CultureInfo.InvariantCulture)),
        ("lifecycle", Autonomy(policy.LifecycleAutonomy)),
        ("keeper budgets", policy.KeeperBudgets is { } k ? $"fast {Keeper(k.Fast)}, mid {Keeper(k.Mid)}, slow {Keeper(k.Slow)}" : "none"),
        ("federation peers", policy.Federation is null || policy.Federation.AllowedPeers.IsEmpty ? "none (deny all)" : string.Join(", ", policy.Federation.AllowedPeers)),
    ];

    /// <summary>The settings that differ, as <c>name old -> new</c>; "no change" when none.</summary>
    public static string Describe(GovernancePolicy before, GovernancePolicy after)
    {
        var changes = Lines(before).Zip(Lines(after))
            .Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Name} {p.First.Value} -> {p.Second.Value}")
            .ToList();
        return changes.Count == 0 ? "no change" : string.Join("; ", changes);
    }

    public static string Backend(BackendKind backend) => backend switch
    {
        BackendKind.Simulated => "simulated",
        BackendKind.Ollama => "ollama",
        BackendKind.OpenAiCompatible => "openai-compatible",
        BackendKind.Replay => "replay",
        BackendKind.Federated => "federated",
        _ => backend.ToString(),
    };

    private static string Keeper(KeeperWriteBudget? budget) => budget is null ? "none" : $"{budget.Tokens}/{budget.RefillTicks}";
}

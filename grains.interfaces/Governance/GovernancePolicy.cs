using Moecraft.Experts;

namespace Moecraft.Governance;

/// <summary>
/// The cluster's rules (SPEC 7). Tenants keep their own budget and rate limits (a tenant must set them); the policy caps
/// them: a tenant may not be configured above <paramref name="MaxTenantBudget"/> or give a key more than
/// <paramref name="MaxRequestsPerMinute"/> (null: no cap).
/// </summary>
/// <param name="MaxTenantBudget">Highest budget per period a tenant may be given; null for no cap.</param>
/// <param name="MaxRequestsPerMinute">Highest per-key rate limit a tenant may set; null for no cap.</param>
/// <param name="AllowedBackends">Backend kinds a router may put on its roster; at least one.</param>
/// <param name="MaxExpertsPerRouter">Most experts one router's roster may hold (1 to 4,096).</param>
/// <param name="LifecycleAutonomy">Which lifecycle edits a router layer may execute on its own.</param>
/// <param name="KeeperBudgets">Keeper write budgets (SPEC 5.2).</param>
/// <param name="Federation">Allowed federation peers (default deny).</param>
[GenerateSerializer, Immutable, Alias("moecraft.GovernancePolicy")]
public sealed record GovernancePolicy(
    [Id(0)] decimal? MaxTenantBudget,
    [Id(1)] int? MaxRequestsPerMinute,
    [Id(2)] EquatableArray<BackendKind> AllowedBackends,
    [Id(3)] int MaxExpertsPerRouter,
    [Id(4)] LifecycleAutonomy LifecycleAutonomy,
    [Id(5)] KeeperWriteBudgets KeeperBudgets,
    [Id(6)] FederationRules Federation)
{
    /// <summary>The most slots a router can have, so the default maximum is no limit.</summary>
    public const int MaxRouterWidth = 4096;

    /// <summary>No caps, every backend, dry-run lifecycle, SPEC keeper budgets, no federation peers.</summary>
    public static GovernancePolicy Default { get; } = new(
        MaxTenantBudget: null,
        MaxRequestsPerMinute: null,
        AllowedBackends: [BackendKind.Simulated, BackendKind.Ollama, BackendKind.OpenAiCompatible, BackendKind.Replay, BackendKind.Federated],
        MaxExpertsPerRouter: MaxRouterWidth,
        LifecycleAutonomy: LifecycleAutonomy.DryRun,
        KeeperBudgets: KeeperWriteBudgets.Default,
        Federation: FederationRules.DenyAll);

    public bool AllowsBackend(BackendKind backend) => AllowedBackends.Contains(backend);
}

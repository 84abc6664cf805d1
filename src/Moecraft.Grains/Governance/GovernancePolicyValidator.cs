using Moecraft.Experts;

namespace Moecraft.Governance;

/// <summary>Checks a policy and the people changing it before anything is stored; every error says what to fix.</summary>
public static class GovernancePolicyValidator
{
    public const int MaxActorLength = 128;
    public const int MaxReasonLength = 1000;

    /// <exception cref="ArgumentException">The policy is incomplete or out of range.</exception>
    public static void Validate(GovernancePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.MaxTenantBudget is <= 0)
            throw new ArgumentException($"The maximum tenant budget must be greater than zero, got {policy.MaxTenantBudget}.", nameof(policy));
        if (policy.MaxRequestsPerMinute is < 1)
            throw new ArgumentException($"The maximum requests per minute must be at least 1, got {policy.MaxRequestsPerMinute}.", nameof(policy));
        if (policy.AllowedBackends.IsDefaultOrEmpty)
            throw new ArgumentException("At least one backend must be allowed (simulated, ollama, openai-compatible or replay).", nameof(policy));
        foreach (var backend in policy.AllowedBackends)
            if (!Enum.IsDefined(backend)) throw new ArgumentException($"Unknown backend kind '{backend}'.", nameof(policy));
        if (policy.AllowedBackends.Distinct().Count() != policy.AllowedBackends.Length)
            throw new ArgumentException("Allowed backends list a backend twice.", nameof(policy));
        if (policy.MaxExpertsPerRouter is < 1 or > GovernancePolicy.MaxRouterWidth)
            throw new ArgumentException(
                $"The maximum experts per router must be between 1 and {GovernancePolicy.MaxRouterWidth}, got {policy.MaxExpertsPerRouter}.", nameof(policy));
        if (!Enum.IsDefined(policy.LifecycleAutonomy))
            throw new ArgumentException($"Unknown lifecycle autonomy '{policy.LifecycleAutonomy}'; use dry-run, apply-prune or apply-all.", nameof(policy));
        if (policy.KeeperBudgets is not { } keepers || keepers.Fast is null || keepers.Mid is null || keepers.Slow is null)
            throw new ArgumentException("Keeper write budgets for fast, mid and slow keepers are required.", nameof(policy));
        ValidateKeeper("fast", keepers.Fast);
        ValidateKeeper("mid", keepers.Mid);
        ValidateKeeper("slow", keepers.Slow);
        if (policy.Federation is null || policy.Federation.AllowedPeers.IsDefault)
            throw new ArgumentException("Federation rules are required (an empty peer list denies every peer).", nameof(policy));
        foreach (var peer in policy.Federation.AllowedPeers)
            if (string.IsNullOrWhiteSpace(peer) || peer.Length > 128 || peer.Any(char.IsWhiteSpace))
                throw new ArgumentException($"Federation peer '{peer}' must be a node id of 1 to 128 characters without spaces.", nameof(policy));
        if (policy.Federation.AllowedPeers.Distinct(StringComparer.Ordinal).Count() != policy.Federation.AllowedPeers.Length)
            throw new ArgumentException("Federation rules list a peer twice.", nameof(policy));
    }

    /// <exception cref="ArgumentException">Empty or longer than <see cref="MaxActorLength"/>.</exception>
    public static void ValidateActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength || actor.Any(char.IsControl))
            throw new ArgumentException($"The actor must name who acts, in 1 to {MaxActorLength} characters.", nameof(actor));
    }

    /// <exception cref="ArgumentException">Empty or longer than <see cref="MaxReasonLength"/>.</exception>
    public static void ValidateReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw new ArgumentException($"A halt needs a reason of 1 to {MaxReasonLength} characters.", nameof(reason));
    }

    private static void ValidateKeeper(string name, KeeperWriteBudget budget)
    {
        if (budget.Tokens < 1 || budget.RefillTicks < 1)
            throw new ArgumentException(
                $"The {name} keeper's write budget needs at least 1 token and 1 refill tick, got {budget.Tokens} per {budget.RefillTicks}.", "policy");
    }
}

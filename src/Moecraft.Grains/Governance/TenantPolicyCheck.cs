using Moecraft.Tenants;

namespace Moecraft.Governance;

/// <summary>Tenant settings must stay within the policy's caps on budget and per-key rate limits.</summary>
public static class TenantPolicyCheck
{
    /// <exception cref="ArgumentException">The budget or a key's rate limit is above the policy's cap.</exception>
    public static void Validate(TenantSettings settings, PolicyVersion policy)
    {
        if (policy.Policy.MaxTenantBudget is { } maxBudget && settings.Budget > maxBudget)
            throw new ArgumentException(
                $"A tenant budget of {settings.Budget} exceeds the policy's maximum of {maxBudget} (policy version {policy.Version}).", nameof(settings));
        if (policy.Policy.MaxRequestsPerMinute is { } maxRate && !settings.ApiKeys.IsDefault
            && settings.ApiKeys.FirstOrDefault(k => k.RequestsPerMinute > maxRate) is { } key)
            throw new ArgumentException(
                $"An API key's limit of {key.RequestsPerMinute} requests per minute exceeds the policy's maximum of {maxRate} (policy version {policy.Version}).", nameof(settings));
    }
}

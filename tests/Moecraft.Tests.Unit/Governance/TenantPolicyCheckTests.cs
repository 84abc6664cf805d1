using Moecraft.Governance;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Governance;

public sealed class TenantPolicyCheckTests
{
    private static readonly TenantSettings Tenant = new(100m, BudgetPeriod.Monthly, 0.7, RoutingPolicyNames.Cheapest, [new ApiKeySettings("hash", 60)]);

    private static PolicyVersion Version(GovernancePolicy policy) => new(3, policy, "ops", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Without_caps_any_valid_tenant_passes() => TenantPolicyCheck.Validate(Tenant, Version(GovernancePolicy.Default));

    [Fact]
    public void A_budget_above_the_cap_is_refused_and_the_message_names_the_cap_and_version()
    {
        var error = Assert.Throws<ArgumentException>(() => TenantPolicyCheck.Validate(Tenant, Version(GovernancePolicy.Default with { MaxTenantBudget = 50m })));
        Assert.Contains("maximum of 50", error.Message);
        Assert.Contains("policy version 3", error.Message);
        TenantPolicyCheck.Validate(Tenant, Version(GovernancePolicy.Default with { MaxTenantBudget = 100m }));
    }

    [Fact]
    public void A_key_rate_above_the_cap_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => TenantPolicyCheck.Validate(Tenant, Version(GovernancePolicy.Default with { MaxRequestsPerMinute = 59 })));
        Assert.Contains("60 requests per minute", error.Message);
        TenantPolicyCheck.Validate(Tenant, Version(GovernancePolicy.Default with { MaxRequestsPerMinute = 60 }));
    }
}

using Moecraft.Experts;
using Moecraft.Governance;

namespace Moecraft.Tests.Governance;

public sealed class GovernancePolicyValidatorTests
{
    private static readonly GovernancePolicy Valid = GovernancePolicy.Default;

    public static TheoryData<string, GovernancePolicy> Invalid() => new()
    {
        { "budget", Valid with { MaxTenantBudget = 0 } },
        { "requests per minute", Valid with { MaxRequestsPerMinute = 0 } },
        { "At least one backend", Valid with { AllowedBackends = [] } },
        { "At least one backend", Valid with { AllowedBackends = default } },
        { "Unknown backend", Valid with { AllowedBackends = [(BackendKind)42] } },
        { "twice", Valid with { AllowedBackends = [BackendKind.Simulated, BackendKind.Simulated] } },
        { "between 1 and 4096", Valid with { MaxExpertsPerRouter = 0 } },
        { "between 1 and 4096", Valid with { MaxExpertsPerRouter = 4097 } },
        { "dry-run, apply-prune or apply-all", Valid with { LifecycleAutonomy = (LifecycleAutonomy)7 } },
        { "Keeper write budgets", Valid with { KeeperBudgets = null! } },
        { "mid keeper", Valid with { KeeperBudgets = KeeperWriteBudgets.Default with { Mid = new KeeperWriteBudget(0, 1000) } } },
        { "slow keeper", Valid with { KeeperBudgets = KeeperWriteBudgets.Default with { Slow = new KeeperWriteBudget(1, 0) } } },
        { "Federation rules are required", Valid with { Federation = null! } },
        { "Federation peer", Valid with { Federation = new FederationRules(["node a"]) } },
        { "peer twice", Valid with { Federation = new FederationRules(["a", "a"]) } },
    };

    [Fact]
    public void The_default_policy_is_valid_dry_run_with_every_backend_and_spec_keeper_budgets_and_no_peers()
    {
        GovernancePolicyValidator.Validate(Valid);
        Assert.Equal(LifecycleAutonomy.DryRun, Valid.LifecycleAutonomy);
        Assert.All(Enum.GetValues<BackendKind>(), b => Assert.True(Valid.AllowsBackend(b)));
        Assert.Equal(new KeeperWriteBudget(10, 100), Valid.KeeperBudgets.Fast);
        Assert.Equal(new KeeperWriteBudget(3, 1_000), Valid.KeeperBudgets.Mid);
        Assert.Equal(new KeeperWriteBudget(1, 10_000), Valid.KeeperBudgets.Slow);
        Assert.False(Valid.Federation.Allows("any-node"));
        Assert.True(new FederationRules(["eu1"]).Allows("eu1"));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_policy_is_refused_with_a_message_that_names_the_problem(string expected, GovernancePolicy policy)
    {
        var error = Assert.Throws<ArgumentException>(() => GovernancePolicyValidator.Validate(policy));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a\nb")]
    public void An_actor_must_name_someone(string actor) =>
        Assert.Throws<ArgumentException>(() => GovernancePolicyValidator.ValidateActor(actor));

    [Fact]
    public void A_halt_needs_a_reason_of_reasonable_length()
    {
        Assert.Throws<ArgumentException>(() => GovernancePolicyValidator.ValidateReason(" "));
        Assert.Throws<ArgumentException>(() => GovernancePolicyValidator.ValidateReason(new string('x', 1001)));
        GovernancePolicyValidator.ValidateReason("maintenance");
    }

    [Fact]
    public void Policies_with_equal_lists_are_equal_so_a_policy_read_back_from_storage_equals_the_one_written()
    {
        var a = Valid with { AllowedBackends = [BackendKind.Ollama], Federation = new FederationRules(["x"]) };
        var b = Valid with { AllowedBackends = [BackendKind.Ollama], Federation = new FederationRules(["x"]) };
        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { AllowedBackends = [BackendKind.Replay] });
    }

    [Fact]
    public void Describe_names_only_the_settings_that_changed()
    {
        var text = PolicyText.Describe(Valid, Valid with { LifecycleAutonomy = LifecycleAutonomy.ApplyPrune, MaxExpertsPerRouter = 16 });
        Assert.Equal("max experts per router 4096 -> 16; lifecycle dry-run -> apply-prune", text);
        Assert.Equal("no change", PolicyText.Describe(Valid, Valid));
    }
}

using Moecraft.Experts;
using Moecraft.Governance;
using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

public sealed class RosterAdmissionTests
{
    private static PolicyVersion Version(GovernancePolicy policy) => new(3, policy, "ops", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_full_roster_by_the_policy_takes_no_new_expert()
    {
        var state = new RouterLayerState { SlotExperts = ["a", "b", null] };
        RosterAdmission.RequireRoom(state, Version(GovernancePolicy.Default with { MaxExpertsPerRouter = 3 }), "r", "cluster");

        var error = Assert.Throws<InvalidOperationException>(() =>
            RosterAdmission.RequireRoom(state, Version(GovernancePolicy.Default with { MaxExpertsPerRouter = 2 }), "r", "cluster"));
        Assert.Contains("already holds 2 experts", error.Message);
    }

    [Fact]
    public void Only_restricted_backends_need_the_expert_read_and_refuse_the_others()
    {
        var open = Version(GovernancePolicy.Default);
        var restricted = Version(GovernancePolicy.Default with { AllowedBackends = [BackendKind.Simulated] });

        Assert.False(RosterAdmission.RestrictsBackends(open));
        Assert.True(RosterAdmission.RestrictsBackends(restricted));
        RosterAdmission.RequireBackend(restricted, "x", BackendKind.Simulated, "cluster");
        Assert.Contains("does not allow", Assert.Throws<InvalidOperationException>(() =>
            RosterAdmission.RequireBackend(restricted, "x", BackendKind.Ollama, "cluster")).Message);
    }
}

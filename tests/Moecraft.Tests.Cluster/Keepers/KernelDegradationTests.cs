using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// SPEC 5.2 degradation: when keepers or experts cannot be reached, the router keeps serving with its last known
/// constraints and says so, and keepers refuse identity writes (nothing changes) until they can check evidence again.
/// </summary>
public sealed class KernelDegradationTests : PartitionedClusterTests
{
    [Fact]
    public async Task A_keeper_that_cannot_reach_the_expert_refuses_the_write_and_decides_later()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "degrade-keeper");
        var keeper = TestKeepers.Slow(Grains, routerId);

        Partition.Cut<IExpertGrain>();
        var refused = await Assert.ThrowsAsync<KernelUnavailableException>(() => keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(31)));
        Assert.StartsWith("Still here, cannot reach experts", refused.Message);
        Assert.Contains($"expert '{experts[0]}'", refused.Message);
        var untouched = await keeper.GetSnapshot();
        Assert.Empty(untouched.Proposals);
        Assert.Equal(1, untouched.Tokens);

        Partition.Heal();
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(31));
        await keeper.Tick(1_000);
        Partition.Cut<IRouterLayerGrain>();
        await Assert.ThrowsAsync<KernelUnavailableException>(() => keeper.Commit(id));
        // Unreachable is not "the evidence failed": nothing was decided, so the commit can succeed later.
        Assert.Empty((await keeper.GetSnapshot()).Results);

        Partition.Heal();
        Assert.Equal(CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);
    }

    [Fact]
    public async Task A_router_that_cannot_reach_its_keepers_serves_with_its_last_known_scars_and_says_so()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "degrade-router");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var centroid = TestExperts.Vector(32);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(centroid));
        await keeper.Tick(1_000);
        await keeper.Commit(id);
        Assert.Equal("reachable", (await router.GetHealth()).Kernel);

        Partition.Cut<IKeeperGrain>();
        // A roster change announces an epoch to the keepers, which cannot be reached.
        var extra = TestRouters.Expert(routerId + "-extra", 2m, 8m);
        await Grains.GetGrain<IExpertGrain>(extra.Id).Register(extra);
        await router.RegisterExpert(extra.Id);
        var health = await Eventually.Succeeds(async () =>
        {
            var report = await router.GetHealth();
            return report.Kernel!.StartsWith("still here", StringComparison.Ordinal) ? report : throw new InvalidOperationException(report.Kernel);
        }, TimeSpan.FromSeconds(20), "the router reporting its keepers unreachable");
        Assert.Contains("cannot reach keepers", health.Kernel);
        Assert.Contains("1 scar(s)", health.Kernel);

        // Still serving, and still honouring the scar it knew of.
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var gate = await router.Gate([.. centroid]);
        Assert.Equal([experts[0]], gate.Scarred.ToArray());
        Assert.DoesNotContain(experts[0], (await router.Route([.. centroid])).Selected.Select(s => s.ExpertId));
        var answer = await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), "still routing while the kernel is away", null, null, null, 1));
        Assert.False(string.IsNullOrEmpty(answer.Answer.Text));

        Partition.Heal();
        await router.DeactivateExpert(extra.Id);
        await Eventually.Succeeds(async () =>
        {
            var report = await router.GetHealth();
            return report.Kernel == "reachable" ? report : throw new InvalidOperationException(report.Kernel);
        }, TimeSpan.FromSeconds(20), "the router reaching its keepers again");
    }
}

using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Experts;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// Scars without an operator (SPEC 5.3): failovers report the failing expert's prompts to the router, which proposes a scar
/// once three failures gather in one region; the slow keeper commits it itself after its dwell, evidence re-checked.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ScarSentinelTests(SqliteClusterFixture fixture)
{
    private const string Inside = "summarise this quarterly earnings report for the board";
    private const string Outside = "suggest a name for a small orange cat that sleeps all day";
    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    private IGrainFactory Grains => fixture.Cluster.Client;

    // Never a shadowed request: a shadow call to the failing expert would add failures the test does not count and could
    // open its circuit (five in a row), which is not what these tests are about.
    private static AskRequest Ask(string prompt) => new(UnshadowedRequests.NewId(), prompt, null, null, Cheapest, 1);

    [Fact]
    public async Task Repeated_failures_in_one_region_become_a_scar_that_the_keeper_commits_after_its_dwell()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "sentinel");
        var (cheap, mid) = (experts[0], experts[1]);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var expert = Grains.GetGrain<IExpertGrain>(cheap);
        var definition = (await expert.GetSnapshot()).Definition;
        await expert.Register(definition with { Simulation = definition.Simulation! with { FailureRate = 1 } });

        // Each request fails over from the cheap expert to the next one; the third failure in the region makes a proposal.
        for (var i = 0; i < 3; i++) Assert.Equal(mid, (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var proposal = await Eventually.Succeeds(async () => (await keeper.GetSnapshot()).Proposals.Single(), TimeSpan.FromSeconds(20), "the scar proposal");
        Assert.Equal((IdentityEventKind.Scar, cheap, true), (proposal.Kind, proposal.Subject, proposal.CommitWhenDue));
        Assert.True(proposal.Evidence.Failures >= 3);
        var vectors = await chat.Embed([Inside, Outside]);
        Assert.True(ScarRegion.Contains(proposal.Evidence.Centroid.AsSpan(), proposal.Evidence.Radius, vectors[0]));
        Assert.False(ScarRegion.Contains(proposal.Evidence.Centroid.AsSpan(), proposal.Evidence.Radius, vectors[1]));

        // The expert recovers, but its record stands; nothing is masked before the dwell.
        await expert.Register(definition);
        Assert.Equal(cheap, (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        Assert.Empty((await keeper.GetSnapshot()).Results);

        await keeper.Tick(proposal.ProposedAt + KeeperClocks.Dwell(KeeperClock.Slow));
        var committed = Assert.Single((await keeper.GetSnapshot()).Events);
        Assert.Equal((IdentityEventKind.Scar, cheap), (committed.Kind, committed.Subject));
        Assert.Equal(mid, (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        Assert.Equal(cheap, (await chat.Ask(Ask(Outside))).Answer.ExpertId);
    }

    [Fact]
    public async Task A_saturated_expert_is_failed_over_without_a_report_to_the_scar_sentinel()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "sentinel-busy");
        var (cheap, mid) = (experts[0], experts[1]);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var expert = Grains.GetGrain<IExpertGrain>(cheap);
        var definition = (await expert.GetSnapshot()).Definition;
        await expert.Register(definition with
        {
            Simulation = definition.Simulation! with { LatencyMs = 5_000 },
            MaxConcurrency = 1,
            QueueTimeout = TimeSpan.FromMilliseconds(100),
        });

        // One long call holds the cheap expert's only slot: every request finds it busy and fails over.
        using var probe = new InFlightProbe(cheap);
        var holder = expert.Invoke(new ExpertRequest("holder", "a long question that keeps the only slot"));
        await probe.WaitForAsync(1);
        for (var i = 0; i < 2; i++) Assert.Equal(mid, (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        var counters = (await expert.GetSnapshot()).Counters;

        // Busy is not failing in the region: had the two failovers been reported, this third failure would make a candidate.
        var embedding = (await chat.Embed([Inside]))[0];
        Assert.False(await Grains.GetGrain<IRouterLayerGrain>(routerId).ReportFailure([.. embedding], cheap));
        Assert.Equal(2, counters.Saturated);
        Assert.Equal(0, counters.Failures);
        await holder;
    }

    [Fact]
    public async Task Bad_failure_reports_are_refused()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "sentinel-bad");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await Assert.ThrowsAsync<ArgumentException>(() => router.ReportFailure([1f, 2f], experts[0]));
        await Assert.ThrowsAsync<ArgumentException>(() => router.ReportFailure([.. TestExperts.Vector(1)], "not-on-the-roster"));
        Assert.False(await router.ReportFailure([.. TestExperts.Vector(1)], experts[0]));
    }
}

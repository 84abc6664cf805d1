using Moecraft.Experts;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Three separate clusters federating through their federation surfaces only: a remote expert asked over HTTP within the
/// tiers, a packet relayed from alpha to gamma through beta, a conflict all three resolve alike, and a node killed while
/// another is syncing from it, at a point the test holds, converging after its restart with nothing acknowledged lost.
/// </summary>
[Collection(ThreeClustersCollection.Name)]
public sealed class ThreeClusterFederationTests(ThreeClusters clusters)
{
    private static ExpertRequest Question() => new(Guid.NewGuid().ToString("n"), "explain the tides in one sentence");

    private static PacketDraft Assertion(string key, int value) => new(PacketKind.Assert, key, $$"""{"value":{{value}}}""", [], [], ["test"]);

    [Fact]
    public async Task A_remote_expert_answers_across_clusters_by_the_tier_its_node_gave_the_asking_node()
    {
        var (alpha, beta) = (clusters.Alpha, clusters.Beta);
        await ThreeClusters.LinkAsync(alpha, beta);

        // The tier matrix lets CORE, SANDBOX and EXTERNAL peers query experts: each is answered over beta's surface.
        foreach (var tier in new[] { TrustTier.Core, TrustTier.Sandbox, TrustTier.External })
        {
            await beta.Peer.SetTier("alpha", tier, "test");
            var answer = await alpha.Peer.AskPeerExpert("beta", ThreeClusters.OfferedExpert, Question());
            Assert.Equal(ThreeClusters.OfferedExpert, answer.ExpertId);
            Assert.Contains($"[simulated sim-{ThreeClusters.OfferedExpert}]", answer.Text);
        }

        // UNKNOWN may not: beta's surface refuses before its expert is called, and nothing on beta changes.
        await beta.Peer.SetTier("alpha", TrustTier.Unknown, "test");
        var before = await beta.StateAsync();
        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => alpha.Peer.AskPeerExpert("beta", ThreeClusters.OfferedExpert, Question()));
        Assert.Contains("rates 'alpha' UNKNOWN", refused.Message);
        Assert.Equal(before, await beta.StateAsync());

        // An expert beta's manifest does not offer is refused on alpha's side, before any request leaves.
        await beta.Peer.SetTier("alpha", TrustTier.Core, "test");
        var notOffered = await Assert.ThrowsAsync<FederationRefusedException>(() => alpha.Peer.AskPeerExpert("beta", "secret-expert", Question()));
        Assert.Contains("does not offer expert 'secret-expert'", notOffered.Message);
    }

    [Fact]
    public async Task A_packet_relays_from_alpha_through_beta_to_gamma_and_all_three_resolve_a_conflict_alike()
    {
        var (alpha, beta, gamma) = (clusters.Alpha, clusters.Beta, clusters.Gamma);
        // Beta is the hub: it pulls from alpha and gamma, and they pull from it. Alpha and gamma never call each other here.
        await ThreeClusters.LinkAsync(beta, alpha);
        await ThreeClusters.LinkAsync(beta, gamma);
        await ThreeClusters.LinkAsync(alpha, beta);
        await ThreeClusters.LinkAsync(gamma, beta);
        var alphaId = (await alpha.Peer.GetManifest()).NodeId;

        var relayed = $"relay-{Guid.NewGuid():n}";
        await alpha.Peer.Publish(Assertion(relayed, 1));
        Assert.True((await beta.Peer.SyncFrom("alpha")).Accepted >= 1);
        Assert.True((await gamma.Peer.SyncFrom("beta")).Accepted >= 1);
        Assert.Equal(alphaId, (await gamma.Peer.Resolve(relayed)).Winner?.Origin);

        // Alpha and gamma assert different values for one key; after syncing through beta all three pick the same winner.
        var contested = $"contested-{Guid.NewGuid():n}";
        var fromAlpha = await alpha.Peer.Publish(Assertion(contested, 1));
        var fromGamma = await gamma.Peer.Publish(Assertion(contested, 2));
        await beta.Peer.SyncFrom("alpha");
        await beta.Peer.SyncFrom("gamma");
        await alpha.Peer.SyncFrom("beta");
        await gamma.Peer.SyncFrom("beta");

        var views = await Task.WhenAll(new[] { alpha, beta, gamma }.Select(n => n.Peer.Resolve(contested)));
        foreach (var view in views)
            Assert.Subset(new HashSet<string> { fromAlpha.Id, fromGamma.Id }, view.Heads.Concat(view.Conflicts).Select(p => p.Id).ToHashSet());
        var winner = Assert.Single(views.Select(v => v.Winner?.Id).Distinct());
        Assert.NotNull(winner);
    }

    [Theory]
    [InlineData("gamma")] // the node served: the pull goes on to a dead node
    [InlineData("alpha")] // the node pulling: its pull is answered to a dead process
    public async Task A_node_killed_mid_sync_across_clusters_loses_nothing_acknowledged_and_both_converge_after_restart(string killed)
    {
        var (alpha, gamma) = (clusters.Alpha, clusters.Gamma);
        var victim = killed == "alpha" ? alpha : gamma;
        // Alpha reaches gamma through a gate, so the test can hold alpha's pull in flight.
        await using var gate = new FederationGate(gamma.BaseAddress);
        await ThreeClusters.LinkAsync(alpha, gamma, via: gate.Address);
        var gammaId = (await gamma.Peer.GetManifest()).NodeId;
        var keys = Enumerable.Range(0, 6).Select(i => $"killed-{killed}-{i}-{Guid.NewGuid():n}").ToArray();

        // Acknowledged before the crash: three packets alpha synced, then three more gamma published.
        foreach (var key in keys[..3]) await gamma.Peer.Publish(Assertion(key, 1));
        Assert.True((await alpha.Peer.SyncFrom("gamma")).Accepted >= 3);
        foreach (var key in keys[3..]) await gamma.Peer.Publish(Assertion(key, 2));
        var gammaClock = Clock(await gamma.Peer.GetClock());

        // Alpha's next pull reaches the gate and waits there while the victim is killed; then the gate lets it go on.
        var (arrived, release) = gate.HoldNext(FederationWire.Pull);
        var syncing = alpha.Peer.SyncFrom("gamma");
        await arrived;
        await victim.KillAsync();
        release();
        await Assert.ThrowsAnyAsync<Exception>(() => syncing);

        // Restarted on its own data, the victim still holds everything it acknowledged, and alpha catches up.
        await victim.RestartAsync();
        Assert.Equal(gammaClock, Clock(await gamma.Peer.GetClock()));
        foreach (var key in keys[..3]) Assert.Equal(gammaId, (await alpha.Peer.Resolve(key)).Winner?.Origin);
        await alpha.Peer.SyncFrom("gamma");
        foreach (var key in keys) Assert.Equal(gammaId, (await alpha.Peer.Resolve(key)).Winner?.Origin);
        var gammaFeed = Assert.Single(await gamma.Peer.GetClock(), p => p.Origin == gammaId);
        Assert.Equal(gammaFeed, Assert.Single(await alpha.Peer.GetClock(), p => p.Origin == gammaId));
    }

    private static string Clock(IEnumerable<FeedPosition> clock) =>
        string.Join(",", clock.OrderBy(p => p.Origin, StringComparer.Ordinal).Select(p => $"{p.Origin}:{p.Seq}:{p.HeadId}"));
}

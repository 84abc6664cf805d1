using Moecraft.Experts;
using Moecraft.Tenants;

namespace Moecraft.Tests.Cluster;

/// <summary>The per-factory cache of grain references the request path uses instead of GetGrain.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GrainReferencesTests(SqliteClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_cached_reference_is_made_once_and_reaches_the_grain_GetGrain_names()
    {
        var id = TestExperts.UniqueId("ref");
        var first = Client.Reference<IExpertGrain>(id);
        var again = Client.Reference<IExpertGrain>(id);

        Assert.Same(first, again);
        Assert.Equal(Client.GetGrain<IExpertGrain>(id).GetGrainId(), first.GetGrainId());
        await first.Register(TestExperts.Simulated(id));
        Assert.Equal(ExpertStatus.Active, (await Client.GetGrain<IExpertGrain>(id).GetSnapshot()).Status);
    }

    [Fact]
    public void The_same_key_under_another_interface_is_another_grain()
    {
        var id = TestExperts.UniqueId("ref");

        var expert = Client.Reference<IExpertGrain>(id);
        var tenant = Client.Reference<ITenantGrain>(id);

        Assert.NotEqual(expert.GetGrainId(), tenant.GetGrainId());
        Assert.IsAssignableFrom<ITenantGrain>(tenant);
    }

    [Fact]
    public void A_key_GetGrain_refuses_is_refused_and_not_cached()
    {
        Assert.Throws<ArgumentException>(() => Client.Reference<IExpertGrain>(" "));
        Assert.Throws<ArgumentException>(() => Client.Reference<IExpertGrain>(" "));
    }
}

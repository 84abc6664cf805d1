using Microsoft.Extensions.Time.Testing;
using Moecraft.Caching;

namespace Moecraft.Tests.Caching;

public sealed class TenantSemanticCachesTests
{
    private static readonly SemanticCacheOptions Options = new() { Dimension = 4, Capacity = 2 };
    private static readonly float[] Vector = [1, 0, 0, 0];

    [Fact]
    public void Tenants_never_see_each_others_entries()
    {
        var caches = new TenantSemanticCaches<string>(Options);
        caches.For("acme").Add("p", Vector, "k", "acme's answer");

        Assert.False(caches.For("globex").TryGet("p", Vector, "k", out _));
        Assert.False(caches.For("ACME").TryGet("p", Vector, "k", out _));
        Assert.True(caches.For("acme").TryGet("p", Vector, "k", out var hit));
        Assert.Equal("acme's answer", hit.Answer);
        Assert.Same(caches.For("acme"), caches.For("acme"));
        Assert.Equal(3, caches.TenantCount);
    }

    [Fact]
    public void Caches_share_the_options_and_clock_and_capacity_is_per_tenant()
    {
        var clock = new FakeTimeProvider();
        var caches = new TenantSemanticCaches<int>(Options with { TimeToLive = TimeSpan.FromSeconds(5) }, clock);
        foreach (var tenant in new[] { "a", "b" })
        {
            var cache = caches.For(tenant);
            Assert.Equal(2, cache.Options.Capacity);
            cache.Add("p1", Vector, "k", 1);
            cache.Add("p2", [0, 1, 0, 0], "k", 2);
        }
        Assert.Equal(2, caches.For("a").Count);
        Assert.Equal(2, caches.For("b").Count);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(caches.For("a").TryGet("p1", Vector, "k", out _));
    }

    [Fact]
    public void Removing_a_tenant_forgets_its_entries()
    {
        var caches = new TenantSemanticCaches<string>(Options);
        caches.For("acme").Add("p", Vector, "k", "a");

        Assert.True(caches.Remove("acme"));
        Assert.False(caches.Remove("acme"));
        Assert.False(caches.For("acme").TryGet("p", Vector, "k", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_tenant_id_is_rejected_and_creates_nothing(string tenantId)
    {
        var caches = new TenantSemanticCaches<string>(Options);
        Assert.Throws<ArgumentException>(() => caches.For(tenantId));
        Assert.Throws<ArgumentException>(() => caches.Remove(tenantId));
        Assert.Throws<ArgumentNullException>(() => caches.For(null!));
        Assert.Equal(0, caches.TenantCount);
    }
}

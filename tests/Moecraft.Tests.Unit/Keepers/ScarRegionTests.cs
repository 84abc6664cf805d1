using System.Collections.Immutable;
using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>Scar regions: cosine distance from a centroid, and the content hash that makes proposals idempotent.</summary>
public sealed class ScarRegionTests
{
    [Fact]
    public void A_region_holds_the_vectors_within_its_cosine_radius()
    {
        float[] centroid = [1, 0, 0];
        Assert.True(ScarRegion.Contains(centroid, 0.01, [2, 0, 0]));        // same direction, any length
        Assert.True(ScarRegion.Contains(centroid, 0.3, [1, 1, 0]));         // 1 - cos 45° ≈ 0.293
        Assert.False(ScarRegion.Contains(centroid, 0.29, [1, 1, 0]));
        Assert.False(ScarRegion.Contains(centroid, 1.5, [-1, 0, 0]));       // opposite: distance 2
        Assert.True(ScarRegion.Contains(centroid, 2, [-1, 0, 0]));
        Assert.False(ScarRegion.Contains(centroid, 2 - 1e-9, [0, 0, 0]));   // no direction: in no region short of everything
        Assert.Equal(1, ScarRegion.CosineDistance(centroid, [0, 3, 0]), 12);
    }

    [Fact]
    public void Bad_regions_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([1, 0], 0.1, dimension: 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([0, 0, 0], 0.1, 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([1, float.NaN, 0], 0.1, 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([1, 0, 0], 0, 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([1, 0, 0], 2.5, 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.Validate([1, 0, 0], double.NaN, 3));
        // Fits says the same without throwing: the router reads counters only for regions that fit it.
        Assert.False(ScarRegion.Fits([1, 0], 0.1, 3));
        Assert.False(ScarRegion.Fits([0, 0, 0], 0.1, 3));
        Assert.False(ScarRegion.Fits([1, float.NaN, 0], 0.1, 3));
        Assert.False(ScarRegion.Fits([1, 0, 0], 2.5, 3));
        Assert.True(ScarRegion.Fits([1, 0, 0], 2, 3));
        Assert.Throws<ArgumentException>(() => ScarRegion.CosineDistance([1, 0], [1, 0, 0]));
        ScarRegion.Validate([1, 0, 0], 2, 3);
    }

    [Fact]
    public void A_proposal_id_is_a_hash_of_its_content()
    {
        var evidence = new ScarEvidence([0.1f, -2.5f, 3f], 0.2, 4);
        var id = KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-a", evidence);
        Assert.Equal(32, id.Length);
        Assert.Equal(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-a", new ScarEvidence(ImmutableArray.Create(0.1f, -2.5f, 3f), 0.2, 4)));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-b", evidence));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-a", evidence with { Radius = 0.21 }));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-a", evidence with { Failures = 5 }));
        Assert.NotEqual(id, KernelPayloads.ProposalId(IdentityEventKind.Scar, "expert-a", evidence with { Centroid = [0.1f, -2.5f, 3.0001f] }));
    }
}

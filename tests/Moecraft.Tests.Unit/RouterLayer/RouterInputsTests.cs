using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

public sealed class RouterInputsTests
{
    [Fact]
    public void An_input_of_the_wrong_width_or_with_a_NaN_is_refused()
    {
        RouterInputs.RequireFinite([1, 2], 2, "Input");
        Assert.Contains("has 1 values; the router takes 2", Assert.Throws<ArgumentException>(() => RouterInputs.RequireFinite([1], 2, "Input")).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => RouterInputs.RequireFinite([1, float.NaN], 2, "Input")).Message);
    }

    [Fact]
    public void A_batch_holds_whole_inputs()
    {
        Assert.Equal(2, RouterInputs.RequireBatch([1, 2, 3, 4], 2));
        Assert.Throws<ArgumentException>(() => RouterInputs.RequireBatch([1, 2, 3], 2));
        Assert.Throws<ArgumentException>(() => RouterInputs.RequireBatch([], 2));
    }

    [Fact]
    public void A_region_without_an_expert_or_a_centroid_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RouterInputs.ValidateRegions("scar", [(null, [1, 0], 0.1, 1)], 2, "scars"));
        Assert.Contains("Scar 4 has no centroid", Assert.Throws<ArgumentException>(() => RouterInputs.ValidateRegions("scar", [("a", default, 0.1, 4)], 2, "scars")).Message);
        RouterInputs.ValidateRegions("reflex", [("a", [1, 0], 0.1, 1)], 2, "reflexes");
    }
}

using Moecraft.Torch.Moe;

namespace Moecraft.Tests.Moe;

public sealed class ExpertDispatchPlanTests
{
    [Fact]
    public void Slots_are_grouped_by_expert_in_token_order()
    {
        // T = 3, k = 2: token 0 -> {2, 0}, token 1 -> {0, 1}, token 2 -> {2, 1}.
        var plan = ExpertDispatchPlan.FromSelection([2, 0, 0, 1, 2, 1], units: 3, topK: 2, experts: 4);

        Assert.Equal([2L, 2, 2, 0], plan.Counts);
        Assert.Equal([0L, 0, 1, 1, 2, 2], plan.SlotExperts);
        Assert.Equal([1L, 2, 3, 5, 0, 4], plan.SlotOrder);
        Assert.Equal([0L, 1, 1, 2, 0, 2], plan.SlotTokens);
        Assert.Equal([2L, 0, 2], plan.TopExpert);
    }

    [Fact]
    public void Out_of_range_expert_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ExpertDispatchPlan.FromSelection([0, 4], units: 1, topK: 2, experts: 4));
    }
}

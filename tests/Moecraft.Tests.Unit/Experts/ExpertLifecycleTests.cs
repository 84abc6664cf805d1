using Moecraft.Experts;

namespace Moecraft.Tests.Experts;

public sealed class ExpertLifecycleTests
{
    [Theory]
    [InlineData(ExpertStatus.Active, ExpertStatus.Cooling, true)]
    [InlineData(ExpertStatus.Cooling, ExpertStatus.Archived, true)]
    [InlineData(ExpertStatus.Cooling, ExpertStatus.Active, true)]
    [InlineData(ExpertStatus.Archived, ExpertStatus.Active, true)]
    [InlineData(ExpertStatus.Active, ExpertStatus.Archived, false)]
    [InlineData(ExpertStatus.Archived, ExpertStatus.Cooling, false)]
    [InlineData(ExpertStatus.Active, ExpertStatus.Active, true)]
    public void Moves_follow_active_cooling_archived(ExpertStatus from, ExpertStatus to, bool allowed) =>
        Assert.Equal(allowed, ExpertLifecycle.CanMove(from, to));

    [Fact]
    public void Cost_is_tokens_times_price_per_million()
    {
        var pricing = new ExpertPricing(InputPerMillion: 3m, OutputPerMillion: 15m);

        Assert.Equal(0.0105m, pricing.CostOf(inputTokens: 1000, outputTokens: 500));
    }
}

using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

public sealed class RouterEpochsTests
{
    [Fact]
    public void A_configured_router_has_an_empty_roster_of_its_width_and_epoch_zero()
    {
        var state = new RouterLayerState();
        RouterEpochs.Configure(state, new RouterConfiguration(Width: 4, InputDimension: 3, TopK: 2, Temperature: 1, Seed: 1), DateTimeOffset.UnixEpoch);

        Assert.Equal(4, state.SlotExperts.Length);
        Assert.All(state.SlotExperts, Assert.Null);
        Assert.Equal(12, state.Weights.Length);
        Assert.Equal(0, state.Epoch);
        Assert.Equal("configured", Assert.Single(state.Epochs).Reason);
    }

    [Fact]
    public void An_epoch_starts_at_the_engine_step_with_its_reason()
    {
        var state = new RouterLayerState { Epoch = 2, Engine = new EngineStateRecord { Steps = 40 } };

        RouterEpochs.Start(state, "expert 'x' left the roster", DateTimeOffset.UnixEpoch);

        Assert.Equal(3, state.Epoch);
        Assert.Equal(40, state.EpochStartStep);
        Assert.Equal("expert 'x' left the roster", state.EpochReason);
        Assert.Equal((3, 40L), (state.Epochs[^1].Epoch, state.Epochs[^1].Step));
    }

    [Theory]
    [InlineData(null, 1L, null)]
    [InlineData(3L, 3L, null)]
    [InlineData(3L, 4L, "governance policy version 4 (was 3)")]
    public void Only_a_policy_version_other_than_the_one_held_starts_an_epoch(long? held, long version, string? reason) =>
        Assert.Equal(reason, RouterEpochs.PolicyChange(held, version));
}

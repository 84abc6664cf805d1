using Moecraft.Torch.Moe;
using Moecraft.Torch.Training;

namespace Moecraft.Tests.Moe;

public sealed class LossFreeBalancingControllerTests
{
    [Fact]
    public void Sign_rule_raises_underloaded_and_lowers_overloaded_experts_then_centres()
    {
        var bias = new float[4];

        // Mean load 5: expert 0 over, experts 1 and 3 under, expert 2 at the mean.
        LossFreeBalancingController.Update(bias, [11, 2, 5, 2], updateRate: 0.001);

        // Raw steps [-u, +u, 0, +u] have mean u/4; centring subtracts it.
        float[] expected = [-0.00125f, 0.00075f, -0.00025f, 0.00075f];
        for (var e = 0; e < 4; e++) Assert.Equal(expected[e], bias[e], 1e-7f);
    }

    [Fact]
    public async Task Returns_one_bias_per_layer_and_accumulates()
    {
        var controller = new LossFreeBalancingController();
        var layer = Summary([6, 2]);

        await controller.AfterStepAsync(new MoeStepObservation(0, 4.0, [layer, layer]), CancellationToken.None);
        var bias = await controller.AfterStepAsync(new MoeStepObservation(1, 4.0, [layer, layer]), CancellationToken.None);

        Assert.Equal(2, bias.Count);
        Assert.All(bias, b => Assert.Equal([-0.002, 0.002], b!.Select(v => Math.Round(v, 6))));
    }

    private static MoeTraceSummary Summary(long[] counts) =>
        new(8, 1, counts.Length, 1, counts, new float[counts.Length], new float[counts.Length], new float[counts.Length], 1, [], [], [], []);
}

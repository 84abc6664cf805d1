using Moecraft.Torch.CharModel;
using Moecraft.Torch.Training;

namespace Moecraft.Tests.Moe;

public sealed class MoeTrainerTests
{
    [Fact]
    public async Task Smoke_run_learns_and_leaks_no_tensors()
    {
        var options = new MoeTrainerOptions { Steps = 20, WarmupSteps = 5, ValidationBatches = 2, Seed = 7 };
        using var trainer = new MoeTrainer(CharCorpus.LoadEmbedded(), CharModelConfig.T0, options);
        var controller = new LossFreeBalancingController();

        var result = await trainer.TrainAsync(controller);

        var losses = result.Steps.Select(s => s.Loss).ToArray();
        Assert.Equal(20, losses.Length);
        Assert.True(losses[^5..].Average() < losses[..5].Average() - 0.3, $"losses: {string.Join(", ", losses.Select(l => l.ToString("F3")))}");
        var live = result.Steps.Select(s => s.ThreadLiveTensors).Distinct().ToArray();
        Assert.True(live.Length == 1, $"live tensors per step: {string.Join(", ", result.Steps.Select(s => s.ThreadLiveTensors))}");

        Assert.Equal(new ParameterCount(1_215_057, 424_017), result.Parameters);
        Assert.All(result.Validation.LayerCounts, counts => Assert.Equal(2 * 32 * 64 * 2, counts.Sum()));
        Assert.InRange(result.Validation.Loss, 1.0, losses[0]);
        Assert.All(result.Steps, s => Assert.True(s.TraceSeconds > 0));
        Assert.All(controller.Bias, layer => Assert.Equal(0.0, layer.Sum(), 1e-5));   // centred
        Assert.Contains(controller.Bias, layer => layer.Any(b => b != 0));
    }

    [Fact]
    public async Task Faults_and_auxiliary_loss_reach_the_layers()
    {
        var options = new MoeTrainerOptions
        {
            Steps = 2,
            ValidationBatches = 1,
            AuxiliaryLossWeight = 0.01,
            Faults = MoeFaultPlan.ForcedCollapse with { CollapseOffset = 40f, CollapseUntilStep = 1 },
        };
        using var trainer = new MoeTrainer(CharCorpus.LoadEmbedded(), CharModelConfig.T0, options);

        var result = await trainer.TrainAsync();

        // Step 0: the +40 offset sends every token to experts 0 and 1; step 1: the offset is gone.
        Assert.All(result.Steps[0].LayerCounts, counts => Assert.Equal([1024L, 1024, 0, 0, 0, 0, 0, 0], counts));
        Assert.All(result.Steps[1].LayerCounts, counts => Assert.True(counts.Count(c => c > 0) > 2));
        Assert.All(result.Steps, s => Assert.True(s.AuxiliaryLoss > 0));
        Assert.All(trainer.Model.MoeLayers, layer => Assert.Null(layer.LogitOffset));
    }
}

using Moecraft.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Moecraft.Tests.Training;

/// <summary>The trainer's AdamW gives the parameters TorchSharp's own AdamW gives, step after step.</summary>
public sealed class AdamWOptimizerTests
{
    [Fact]
    public void Five_steps_with_a_changing_learning_rate_leave_the_same_parameters_as_TorchSharps_AdamW()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var inputs = randn(8, 4);
        var targets = randn(8, 3);
        using var theirs = nn.Linear(4, 3);
        using var ours = nn.Linear(4, 3);
        using (no_grad())
        {
            ours.weight!.copy_(theirs.weight!);
            ours.bias!.copy_(theirs.bias!);
        }
        var initial = ours.weight!.data<float>().ToArray();
        using var reference = optim.AdamW(theirs.parameters(), 0.01, 0.9, 0.95, weight_decay: 0.1);
        using var optimizer = new AdamWOptimizer(ours.parameters(), 0.01, 0.9, 0.95, 0.1);

        for (var step = 0; step < 5; step++)
        {
            var learningRate = 0.01 / (step + 1);
            foreach (var group in reference.ParamGroups) group.LearningRate = learningRate;
            optimizer.LearningRate = learningRate;
            reference.zero_grad();
            optimizer.ZeroGrad();
            (theirs.forward(inputs) - targets).square().mean().backward();
            (ours.forward(inputs) - targets).square().mean().backward();
            reference.step();
            optimizer.Step();
        }

        Assert.Equal(theirs.weight!.data<float>().ToArray(), ours.weight!.data<float>().ToArray());
        Assert.Equal(theirs.bias!.data<float>().ToArray(), ours.bias!.data<float>().ToArray());
        Assert.NotEqual(initial, ours.weight!.data<float>().ToArray()); // the steps moved the weights
    }
}

using Moecraft.Torch.CharModel;
using Moecraft.Torch.Training;

namespace Moecraft.Tests.Moe;

public sealed class TimingProbeTests
{
    [Fact]
    public async Task Probe()
    {
        var corpus = CharCorpus.LoadEmbedded();
        var lines = new List<string>();
        foreach (var (name, config, controller) in new (string, CharModelConfig, ISelectionBiasController?)[]
                 {
                     ("moe", CharModelConfig.T0, null), ("dense", CharModelConfig.T0Dense, null), ("moe+lossfree", CharModelConfig.T0, new LossFreeBalancingController()),
                     ("moe", CharModelConfig.T0, null), ("dense", CharModelConfig.T0Dense, null),
                 })
        {
            var options = new MoeTrainerOptions { Steps = 200, ValidationBatches = 40 };
            using var trainer = new MoeTrainer(corpus, config, options);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            var result = await trainer.TrainAsync(controller);
            var steps = result.Steps.Skip(10).ToArray();
            lines.Add($"{name}: median step {result.MedianStepSeconds * 1000:F1} ms, mean {steps.Average(s => s.StepSeconds) * 1000:F1} ms, trace {steps.Average(s => s.TraceSeconds) * 1000:F2} ms, ctrl {steps.Average(s => s.ControllerSeconds) * 1000:F3} ms, wall {wall.Elapsed.TotalSeconds:F1}s, loss0 {result.Steps[0].Loss:F3} loss199 {result.Steps[^1].Loss:F3} val {result.Validation.Loss:F3} live {string.Join(",", result.Steps.Select(s => s.ThreadLiveTensors).Distinct())} total {string.Join(",", result.Steps.Select(s => s.LiveTensors).Distinct())} counts {string.Join(" | ", result.Validation.LayerCounts.Select(c => string.Join(",", c)))}");
        }
        File.WriteAllLines("/tmp/moe-timing.txt", lines);
    }
}

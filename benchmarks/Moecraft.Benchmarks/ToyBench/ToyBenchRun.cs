using System.Diagnostics;
using System.Globalization;
using System.Text;
using Moecraft.Routing;
using Moecraft.Torch.CharModel;
using Moecraft.Torch.Training;
using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Trains one arm x fault x seed and measures it: the trainer runs with an <see cref="ObservingController"/> around the
/// arm's own controller so every arm's trace summaries are read the same way; the Moecraft arm's router layers are also
/// watched for degrading flags and lifecycle decisions. Writes the per-step series as CSV beside the report.
/// </summary>
internal static class ToyBenchRun
{
    private const int ProgressEvery = 250;

    public static async Task<ToyBenchRunResult> RunAsync(
        ToyBenchCase benchCase, ToyBenchOptions options, CharCorpus corpus, IGrainFactory grains, TextWriter log, CancellationToken cancellationToken)
    {
        var model = benchCase.Model();
        var trainerOptions = benchCase.TrainerOptions(new MoeTrainerOptions { Steps = options.Steps, ValidationBatches = options.ValidationBatches });
        var routerPrefix = $"toybench-{Guid.NewGuid():n}/{benchCase.Name}";
        var moeLayers = benchCase.HasRouting ? model.Layers : 0;

        var inner = await benchCase.CreateControllerAsync(model, grains, routerPrefix, options.MoecraftSettings);
        var recorder = new StepMetricsRecorder(moeLayers, model.Experts, inner as RouterLayerBiasController);
        var watch = benchCase.Arm == ToyBenchArm.Moecraft ? new RouterLayerWatch(grains, routerPrefix, model.Layers, model.Experts) : null;
        var engineMath = benchCase.Arm == ToyBenchArm.Moecraft
            ? new EngineMathTimer(model.Layers, model.Experts, options.MoecraftSettings)
            : null;
        var started = Stopwatch.GetTimestamp();
        var controller = new ObservingController(inner, async (step, _) =>
        {
            recorder.Observe(step);
            engineMath?.Observe(step.Observation.Step, step.Observation.Layers);
            if (watch is not null) await watch.AfterStepAsync(step.Observation.Step);
            ReportProgress(log, benchCase, step.Observation, options.Steps, started);
        });

        using var trainer = new MoeTrainer(corpus, model, trainerOptions);
        var training = await trainer.TrainAsync(controller, cancellationToken);
        var wallSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var router = watch is null ? null : await watch.FinishAsync();

        var layers = Enumerable.Range(0, moeLayers)
            .Select(layer => Layer(layer, training, recorder, router?[layer], options.LastStepsWindow))
            .ToArray();
        var stepSeconds = training.MedianStepSeconds;
        var controllerSeconds = ToyBenchMetrics.Median(recorder.ControllerSeconds);
        var traceSeconds = ToyBenchMetrics.Median(training.Steps.Select(s => s.TraceSeconds));
        var live = training.Steps.Select(s => s.LiveTensors).ToArray();
        var threadLive = training.Steps.Select(s => s.ThreadLiveTensors).ToArray();

        await WriteStepsAsync(options.OutputDirectory, benchCase, training, recorder);
        return new ToyBenchRunResult(
            ToyBenchNames.Of(benchCase.Arm),
            ToyBenchNames.Of(benchCase.Fault),
            benchCase.Seed,
            options.Steps,
            training.Parameters.Total,
            training.Parameters.Active,
            training.Validation.Loss,
            ToyBenchMetrics.MeanOfLast([.. training.Steps.Select(s => s.Loss)], options.LastStepsWindow),
            stepSeconds,
            traceSeconds,
            controllerSeconds,
            stepSeconds > 0 ? controllerSeconds / stepSeconds : 0,
            engineMath is not null && stepSeconds > 0 ? ToyBenchMetrics.Median(engineMath.Seconds) / stepSeconds : 0,
            stepSeconds > 0 ? (controllerSeconds + traceSeconds) / stepSeconds : 0,
            live.Min(),
            live.Max(),
            threadLive.Min(),
            threadLive.Max(),
            wallSeconds,
            layers);
    }

    private static LayerMetrics Layer(
        int layer, MoeTrainingResult training, StepMetricsRecorder recorder, (RouterLayerFindings Findings, LayerHealthReport Health)? router, int window)
    {
        var counts = training.Validation.LayerCounts[layer];
        var batchMaxVio = training.Steps.Select(s => ToyBenchMetrics.MaxViolation(s.LayerCounts[layer])).ToArray();
        var disagreement = recorder.Disagreement(layer);

        // The Moecraft arm reports the grain's own clocks; the others the bench's clocks on the same summaries.
        double?[] phiSlow, phiLooSlow, phiLooFast;
        string source;
        if (router is { Health: var health })
        {
            var experts = health.Experts.OrderBy(e => e.Slot).ToArray();
            (phiSlow, phiLooSlow, phiLooFast) = ([.. experts.Select(e => Reading(e.Phi.Slow))], [.. experts.Select(e => Reading(e.PhiLeaveOneOut.Slow))],
                [.. experts.Select(e => Reading(e.PhiLeaveOneOut.Fast))]);
            source = "router layer grain";
        }
        else
        {
            (phiSlow, phiLooSlow, phiLooFast) = (Readings(recorder.Phi(layer).Slow), Readings(recorder.PhiLeaveOneOut(layer).Slow),
                Readings(recorder.PhiLeaveOneOut(layer).Fast));
            source = "bench clocks on the trace summaries";
        }

        return new LayerMetrics(
            layer,
            counts,
            ToyBenchMetrics.MaxViolation(counts),
            ToyBenchMetrics.EffectiveExperts(counts),
            ToyBenchMetrics.Dead(counts),
            ToyBenchMetrics.Starved(counts),
            ToyBenchMetrics.MeanOfLast(batchMaxVio, window),
            ToyBenchMetrics.WindowMeans(batchMaxVio),
            DisagreementFigures.Mean([.. disagreement]),
            DisagreementFigures.Mean([.. disagreement.Skip(Math.Max(0, disagreement.Count - window))]),
            source,
            phiSlow,
            phiLooSlow,
            phiLooFast,
            router?.Findings);
    }

    private static double? Reading(double value) => double.IsNaN(value) ? null : value;

    private static double?[] Readings(double[] clock) => [.. clock.Select(Reading)];

    private static void ReportProgress(TextWriter log, ToyBenchCase benchCase, MoeStepObservation step, int steps, long started)
    {
        var done = step.Step + 1;
        if (done % ProgressEvery != 0 && done != steps) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [{benchCase.Name}] step {done}/{steps}  loss {step.Loss:F3}  {elapsed / done * 1000:F0} ms/step wall  {elapsed:F0} s"));
    }

    /// <summary>One CSV per run: loss, costs and, per layer, MaxVio_batch and the sampled disagreement of every step.</summary>
    private static async Task WriteStepsAsync(string outputDirectory, ToyBenchCase benchCase, MoeTrainingResult training, StepMetricsRecorder recorder)
    {
        var directory = Directory.CreateDirectory(Path.Combine(outputDirectory, "steps"));
        var layers = training.Validation.LayerCounts.Length;
        var csv = new StringBuilder("step,loss,step_s,trace_s,controller_s,live_tensors,thread_live_tensors");
        for (var layer = 0; layer < layers; layer++)
            csv.Append(CultureInfo.InvariantCulture, $",l{layer}_maxvio_batch,l{layer}_top1_flip,l{layer}_topk_change,l{layer}_js,l{layer}_tv");
        csv.AppendLine();

        foreach (var step in training.Steps)
        {
            var controllerSeconds = step.Step < recorder.ControllerSeconds.Count ? recorder.ControllerSeconds[step.Step] : 0;
            csv.Append(CultureInfo.InvariantCulture,
                $"{step.Step},{step.Loss:G6},{step.StepSeconds:G6},{step.TraceSeconds:G6},{controllerSeconds:G6},{step.LiveTensors},{step.ThreadLiveTensors}");
            for (var layer = 0; layer < layers; layer++)
            {
                var d = recorder.Disagreement(layer)[step.Step];
                csv.Append(CultureInfo.InvariantCulture,
                    $",{ToyBenchMetrics.MaxViolation(step.LayerCounts[layer]):G6},{d.Top1Flip:G6},{d.TopKChange:G6},{d.JensenShannon:G6},{d.TotalVariation:G6}");
            }

            csv.AppendLine();
        }

        var file = $"{ToyBenchNames.Of(benchCase.Arm)}-{ToyBenchNames.Of(benchCase.Fault)}-{benchCase.Seed}.csv";
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, file), csv.ToString());
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Moecraft.Torch;
using Moecraft.Torch.LlmGating;
using Orleans.Runtime;

namespace Moecraft.Hosting;

/// <summary>
/// Loads TorchSharp's native library and runs one tiny gating step and prediction while the silo starts. Router layers
/// run on TorchSharp; without this, the silo that takes over a dead silo's router layer loads libtorch on that router's
/// first request (seconds), and every request of the router waits behind it.
/// </summary>
public sealed partial class TorchWarmup(ILogger<TorchWarmup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TorchWarmup), ServiceLifecycleStage.First, _ => Task.Run(Warm));

    private void Warm()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using (var kernel = new GatingKernel([1f, 0f, 0f, 1f], [0f, 0f], [true, true], width: 2, inputDimension: 2))
                kernel.Logits([1f, 1f]);
            using (var predictor = new SuccessPredictor(2, ["warm-up"]))
                predictor.Predict([1f, 1f]);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native library could not be loaded, so this silo cannot run router layers (see README, Troubleshooting).", ex);
        }
        LogWarm(logger, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(2501, LogLevel.Information, "TorchSharp ready for router layers in {Milliseconds} ms", EventName = "TorchReady")]
    private static partial void LogWarm(ILogger logger, long milliseconds);
}

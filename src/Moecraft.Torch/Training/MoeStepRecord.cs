namespace Moecraft.Torch.Training;

/// <summary>One training step's outcome and costs.</summary>
/// <param name="Loss">Cross-entropy on the training batch (nats/char), before the update.</param>
/// <param name="AuxiliaryLoss">The Switch auxiliary loss added to it (0 when disabled).</param>
/// <param name="StepSeconds">Forward, backward, clip and optimizer step.</param>
/// <param name="TraceSeconds">Reducing the layers' routing to trace summaries (0 without a controller).</param>
/// <param name="ControllerSeconds">The controller's call, awaited.</param>
/// <param name="LayerCounts">Per MoE layer, tokens routed to each expert in this batch (for MaxVio_batch).</param>
/// <param name="LiveTensors">Process-wide live managed tensors after the step (<c>torch.Tensor.TotalCount</c>).</param>
/// <param name="ThreadLiveTensors">Live tensors created on the training thread (<c>DisposeScopeManager.Statistics</c>); flat when nothing leaks.</param>
public sealed record MoeStepRecord(
    int Step,
    double Loss,
    double AuxiliaryLoss,
    double LearningRate,
    double StepSeconds,
    double TraceSeconds,
    double ControllerSeconds,
    long[][] LayerCounts,
    long LiveTensors,
    long ThreadLiveTensors)
{
    /// <summary>Ablation tests measured after this step for the controller (held-out forward passes; 0 on most steps).</summary>
    public double AblationSeconds { get; init; }
}

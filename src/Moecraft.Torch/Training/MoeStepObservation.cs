using Moecraft.Torch.Moe;

namespace Moecraft.Torch.Training;

/// <summary>
/// What a selection-bias controller sees after a training step: the step's loss, each MoE layer's trace summary, and the
/// ablation tests measured since the last step (the ones the controller asked for).
/// </summary>
public sealed record MoeStepObservation(int Step, double Loss, IReadOnlyList<MoeTraceSummary> Layers)
{
    public IReadOnlyList<ExpertAblationResult> Ablations { get; init; } = [];
}

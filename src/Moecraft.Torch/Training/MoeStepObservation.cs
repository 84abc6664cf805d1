using Moecraft.Torch.Moe;

namespace Moecraft.Torch.Training;

/// <summary>What a selection-bias controller sees after a training step: the step's loss and each MoE layer's trace summary.</summary>
public sealed record MoeStepObservation(int Step, double Loss, IReadOnlyList<MoeTraceSummary> Layers);

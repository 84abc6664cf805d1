namespace Moecraft.Torch.Training;

/// <summary>An ablation test a selection-bias controller asks the trainer for: mask <see cref="Expert"/> of MoE layer <see cref="Layer"/>.</summary>
public sealed record ExpertAblationRequest(int Layer, int Expert);

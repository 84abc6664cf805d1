namespace Moecraft.Torch.Training;

/// <summary>
/// An ablation test the trainer measured on held-out batches: the mean loss as the model routes and with
/// <see cref="Expert"/> of layer <see cref="Layer"/> masked (its gate mass renormalised over the other selected experts).
/// </summary>
public sealed record ExpertAblationResult(int Layer, int Expert, double BaselineLoss, double MaskedLoss, int Batches);

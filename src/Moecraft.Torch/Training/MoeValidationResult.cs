namespace Moecraft.Torch.Training;

/// <summary>
/// Scores on the fixed validation batches: mean cross-entropy (nats/char) and, per MoE layer, the tokens routed to
/// each expert over the whole set <c>c_i</c> (for MaxVio_global = max_i c_i / mean_i c_i - 1, Neff, dead and starved experts).
/// </summary>
public sealed record MoeValidationResult(double Loss, long[][] LayerCounts);

namespace Moecraft.Torch.Training;

/// <summary>
/// Decides the per-layer selection bias <c>beta</c> for the next step from the step just taken (DeepSeek's loss-free
/// sign rule, or a Moecraft router layer). The trainer calls it outside any dispose scope, so it may await
/// (for example a grain call); tensor statistics per thread stay exact only when it completes synchronously.
/// </summary>
public interface ISelectionBiasController
{
    /// <returns>One entry per MoE layer (length E each, or null for no bias on that layer).</returns>
    ValueTask<IReadOnlyList<float[]?>> AfterStepAsync(MoeStepObservation observation, CancellationToken cancellationToken);

    /// <summary>
    /// The (layer, expert) pairs whose ablation test the controller wants measured before the next step (SPEC 3.6); the
    /// trainer sends the results with the next <see cref="MoeStepObservation"/>. None by default.
    /// </summary>
    IReadOnlyList<ExpertAblationRequest> WantedAblations => [];
}

using System.Diagnostics;

namespace Moecraft.Torch.Training.ToyBench;

/// <summary>One step as an <see cref="ObservingController"/> saw it: the trace summaries, the bias chosen for the next step, and the time the inner controller took.</summary>
public sealed record ObservedStep(MoeStepObservation Observation, IReadOnlyList<float[]?> Bias, double ControllerSeconds);

/// <summary>
/// Lets a bench or a test watch every step's trace summaries without changing the arm: it asks the inner controller for
/// the bias (none when there is no inner controller), times that call alone, then hands everything to the observer.
/// With a controller in place the trainer reduces traces for every arm, so every arm can be measured the same way.
/// </summary>
public sealed class ObservingController(ISelectionBiasController? inner, Func<ObservedStep, CancellationToken, ValueTask> observe)
    : ISelectionBiasController
{
    public ISelectionBiasController? Inner => inner;

    public IReadOnlyList<ExpertAblationRequest> WantedAblations => inner?.WantedAblations ?? [];

    public async ValueTask<IReadOnlyList<float[]?>> AfterStepAsync(MoeStepObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var started = Stopwatch.GetTimestamp();
        var bias = inner is null
            ? new float[]?[observation.Layers.Count]
            : await inner.AfterStepAsync(observation, cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        await observe(new ObservedStep(observation, bias, seconds), cancellationToken).ConfigureAwait(false);
        return bias;
    }
}

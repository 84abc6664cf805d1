using Moecraft.Torch.CharModel;

namespace Moecraft.Torch.Training;

/// <summary>A finished training run: model size, every step's record, and the final validation.</summary>
public sealed record MoeTrainingResult(ParameterCount Parameters, IReadOnlyList<MoeStepRecord> Steps, MoeValidationResult Validation)
{
    /// <summary>Median of <see cref="MoeStepRecord.StepSeconds"/>: robust to the first steps' warm-up and to noisy neighbours.</summary>
    public double MedianStepSeconds
    {
        get
        {
            if (Steps.Count == 0) return 0;
            var sorted = Steps.Select(s => s.StepSeconds).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

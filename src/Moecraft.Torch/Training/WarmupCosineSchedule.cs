namespace Moecraft.Torch.Training;

/// <summary>
/// Learning rate per step: linear warm-up to the peak over the first steps, then a half cosine down to the floor at
/// the last step.
/// </summary>
public sealed record WarmupCosineSchedule(double Peak, double Floor, int WarmupSteps, int TotalSteps)
{
    /// <param name="step">Zero-based step index.</param>
    public double At(int step)
    {
        if (step < WarmupSteps) return Peak * (step + 1) / WarmupSteps;

        var decaySteps = Math.Max(1, TotalSteps - 1 - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return Floor + 0.5 * (1 + Math.Cos(Math.PI * progress)) * (Peak - Floor);
    }
}

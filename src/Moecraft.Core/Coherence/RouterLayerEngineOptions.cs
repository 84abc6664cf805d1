using Moecraft.Balancing;
using Moecraft.Lifecycle;

namespace Moecraft.Coherence;

/// <summary>Every constant of SPEC 3.1-3.6 in one place; the defaults are the SPEC's (neural MoE bias, <c>u = 0.001</c>).</summary>
public sealed record RouterLayerEngineOptions
{
    public ClockHalfLives Clocks { get; init; } = new();

    public SlowBiasRule Bias { get; init; } = SlowBiasRule.Neural;

    public BridgeDetector Bridge { get; init; } = new();

    public DegradingRule Degrading { get; init; } = new();

    public FreeEnergyWeights FreeEnergy { get; init; } = new();

    public LifecycleRule Lifecycle { get; init; } = new();

    /// <exception cref="ArgumentException">Any invalid part.</exception>
    public void Validate()
    {
        if (Clocks is null || Bias is null || Bridge is null || Degrading is null || FreeEnergy is null || Lifecycle is null)
            throw new ArgumentException("Every part of the router layer options must be set.");
        Clocks.Validate();
        Bias.Validate();
        Bridge.Validate();
        Degrading.Validate();
        FreeEnergy.Validate();
        Lifecycle.Validate();
    }
}

namespace Moecraft.Torch.Training.ToyBench;

/// <summary>The faults the toy bench injects (BENCHMARKS 1): none, a forced collapse, or a noise expert.</summary>
public enum ToyBenchFault
{
    Clean,

    /// <summary>+4 on the logits of experts 0 and 1 for the first 15% of the steps (0-299 of 2,000), then removed.</summary>
    Collapse,

    /// <summary>Expert <see cref="ToyBenchCase.NoiseExpert"/>'s output replaced by noise from 25% of the steps (500 of 2,000).</summary>
    Noise,
}

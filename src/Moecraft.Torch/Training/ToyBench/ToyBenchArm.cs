namespace Moecraft.Torch.Training.ToyBench;

/// <summary>The toy bench's arms (BENCHMARKS 1): how, if at all, the MoE layers are kept balanced.</summary>
public enum ToyBenchArm
{
    /// <summary>Model T0 with one dense 4d FFN per block (no routing at all).</summary>
    Dense,

    /// <summary>MoE without any balancing.</summary>
    NoBalancing,

    /// <summary>MoE with the Switch auxiliary loss, alpha 0.01.</summary>
    Switch,

    /// <summary>MoE with DeepSeek's loss-free bias (sign rule, u = 1e-3, centred, selection only).</summary>
    LossFree,

    /// <summary>MoE with a Moecraft router layer grain in the loop (SPEC 3).</summary>
    Moecraft,
}

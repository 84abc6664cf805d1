using Moecraft.Routing;
using Moecraft.Torch.CharModel;

namespace Moecraft.Torch.Training.ToyBench;

/// <summary>
/// One toy bench run: an arm, a fault and a seed (BENCHMARKS 1), and everything that follows from them: the model, the
/// trainer options, the fault plan and the selection-bias controller. Shared by the bench and its smoke tests so both
/// train exactly the same way.
/// </summary>
public sealed record ToyBenchCase(ToyBenchArm Arm, ToyBenchFault Fault, int Seed)
{
    /// <summary>The expert whose output the noise fault replaces.</summary>
    public const int NoiseExpert = 5;

    public const double SwitchAlpha = 0.01;

    /// <summary>
    /// Fault timing as shares of the run, so a shorter run keeps the bench's shape: at 2,000 steps the collapse covers
    /// steps 0-299 and the noise starts at step 500, exactly as BENCHMARKS 1 says.
    /// </summary>
    public const double CollapseShare = 0.15;

    public const double NoiseStartShare = 0.25;

    /// <summary>The Moecraft arm's router layers: neural kind, dry-run lifecycle every 100 steps (proposals recorded, not executed).</summary>
    public static RouterSettings MoecraftRouterSettings { get; } = new(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 100);

    /// <summary>Readable and unique per case, e.g. <c>moecraft/collapse/1337</c>.</summary>
    public string Name => $"{ToyBenchNames.Of(Arm)}/{ToyBenchNames.Of(Fault)}/{Seed}";

    public bool HasRouting => Arm != ToyBenchArm.Dense;

    /// <summary>The model: <paramref name="shape"/> (T0 by default) with MoE FFNs, or with one dense FFN for the dense arm.</summary>
    public CharModelConfig Model(CharModelConfig? shape = null)
    {
        var model = shape ?? CharModelConfig.T0;
        return model with { FeedForward = HasRouting ? FeedForwardKind.MixtureOfExperts : FeedForwardKind.Dense };
    }

    /// <summary>The fault plan of a run of <paramref name="steps"/> steps.</summary>
    public MoeFaultPlan FaultPlan(int steps) => Fault switch
    {
        ToyBenchFault.Clean => MoeFaultPlan.None,
        ToyBenchFault.Collapse => MoeFaultPlan.ForcedCollapse with { CollapseUntilStep = CollapseUntil(steps) },
        ToyBenchFault.Noise => MoeFaultPlan.NoisyExpert(NoiseExpert, NoiseStart(steps)),
        _ => throw new ArgumentOutOfRangeException(nameof(Fault), Fault, "Unknown fault."),
    };

    /// <summary>The first step without the collapse offset.</summary>
    public static int CollapseUntil(int steps) => (int)Math.Round(steps * CollapseShare);

    /// <summary>The first step of the noise expert.</summary>
    public static int NoiseStart(int steps) => (int)Math.Round(steps * NoiseStartShare);

    /// <summary><paramref name="template"/> (the bench defaults when null) with this case's seed, auxiliary loss and faults.</summary>
    public MoeTrainerOptions TrainerOptions(MoeTrainerOptions? template = null)
    {
        if (Arm == ToyBenchArm.Dense && Fault != ToyBenchFault.Clean)
            throw new InvalidOperationException($"The dense arm has no experts to fault; it runs clean only (asked for {Name}).");
        var options = template ?? new MoeTrainerOptions();
        return options with
        {
            Seed = Seed,
            AuxiliaryLossWeight = Arm == ToyBenchArm.Switch ? SwitchAlpha : 0,
            Faults = FaultPlan(options.Steps),
        };
    }

    /// <summary>
    /// The arm's selection-bias controller: loss-free balancing, a Moecraft router layer per MoE layer (named
    /// <c>{routerPrefix}/layer{i}</c>, created through <paramref name="grains"/> with <paramref name="settings"/>, by default
    /// <see cref="MoecraftRouterSettings"/>), or none.
    /// </summary>
    public async Task<ISelectionBiasController?> CreateControllerAsync(
        CharModelConfig model, IGrainFactory? grains, string routerPrefix, RouterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (Arm)
        {
            case ToyBenchArm.LossFree:
                return new LossFreeBalancingController(LossFreeBalancingController.DefaultUpdateRate);
            case ToyBenchArm.Moecraft:
                if (grains is null) throw new ArgumentNullException(nameof(grains), "The Moecraft arm needs a grain factory for its router layers.");
                ArgumentException.ThrowIfNullOrWhiteSpace(routerPrefix);
                return await RouterLayerBiasController.CreateAsync(
                    grains, routerPrefix, model.Layers, model.Experts, model.Dimension, model.TopK, settings ?? MoecraftRouterSettings);
            default:
                return null;
        }
    }
}

using Moecraft.Experts;
using Moecraft.Gating;

namespace Moecraft.Routing;

/// <summary>
/// The epoch rules of a router layer's state (SPEC 5.3): the state a configuration starts, what starts an epoch, and
/// when a governance policy version does. They edit the next state a grain is about to write, never the one it holds.
/// </summary>
public static class RouterEpochs
{
    /// <summary>Makes <paramref name="next"/> an empty roster of <paramref name="configuration"/>'s shape, its seeded gate and epoch 0.</summary>
    public static void Configure(RouterLayerState next, RouterConfiguration configuration, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(configuration);
        next.Configuration = configuration;
        next.SlotExperts = new string?[configuration.Width];
        next.Active = new bool[configuration.Width];
        next.SlotStatus = new ExpertStatus[configuration.Width];
        next.Weights = GatingWeights.InitialWeights(configuration.Width, configuration.InputDimension, configuration.Seed);
        next.Bias = new float[configuration.Width];
        RouterHealthLog.AddEpoch(next.Epochs, new EpochBoundary(0, 0, at, "configured"));
    }

    /// <summary>Starts the next epoch on <paramref name="next"/> for <paramref name="reason"/>, at the engine's current step.</summary>
    public static void Start(RouterLayerState next, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        next.Epoch++;
        next.EpochReason = reason;
        next.EpochStartStep = next.Engine?.Steps ?? 0;
        RouterHealthLog.AddEpoch(next.Epochs, new EpochBoundary(next.Epoch, next.EpochStartStep, at, reason));
    }

    /// <summary>
    /// Why policy <paramref name="version"/> starts an epoch on a router whose epoch runs under <paramref name="held"/>;
    /// null when it does not: the same version, or the first one a router reads (that only starts its record).
    /// </summary>
    public static string? PolicyChange(long? held, long version) =>
        held is { } previous && previous != version ? $"governance policy version {version} (was {previous})" : null;
}

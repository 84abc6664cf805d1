using System.Collections.Immutable;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>The router side of the kernel (SPEC 5): scars cached for the request path, and the keepers' clocks.</summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>
    /// The keepers are ticked every this many router steps: the shortest dwell (fast, 10 ticks) is still measured to
    /// within one interval, at three keeper calls per ten trace steps instead of three per step.
    /// </summary>
    public const int KeeperTickInterval = 10;

    public async Task ApplyScars(long sequence, ImmutableArray<Scar> scars)
    {
        var configuration = RequireConfigured();
        if (scars.IsDefault) throw new ArgumentException("Scars must not be a default array.", nameof(scars));
        foreach (var scar in scars)
        {
            if (scar is null || string.IsNullOrWhiteSpace(scar.ExpertId)) throw new ArgumentException("A scar names its expert.", nameof(scars));
            if (scar.Centroid.IsDefault) throw new ArgumentException($"Scar {scar.Sequence} has no centroid.", nameof(scars));
            ScarRegion.Validate(scar.Centroid.AsSpan(), scar.Radius, configuration.InputDimension);
        }
        if (sequence <= state.State.ScarSequence) return;
        var (previous, previousSequence) = (state.State.Scars, state.State.ScarSequence);
        state.State.Scars = [.. scars];
        state.State.ScarSequence = sequence;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Scars, state.State.ScarSequence) = (previous, previousSequence);
            throw;
        }
    }

    public Task<ImmutableArray<Scar>> GetScars()
    {
        RequireConfigured();
        return Task.FromResult(state.State.Scars.ToImmutableArray());
    }

    /// <summary>Experts scarred for a region that contains <paramref name="input"/>.</summary>
    private HashSet<string> ScarredAt(ImmutableArray<float> input)
    {
        var scarred = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scar in state.State.Scars)
            if (!scarred.Contains(scar.ExpertId) && ScarRegion.Contains(scar.Centroid.AsSpan(), scar.Radius, input.AsSpan())) scarred.Add(scar.ExpertId);
        return scarred;
    }

    /// <summary>
    /// Advances the three keepers' clocks to <paramref name="step"/> without waiting for them: the keepers call back into
    /// this grain (evidence, scars), so awaiting them here could deadlock; a keeper that cannot be reached misses a tick
    /// and catches up on the next, since ticks are monotonic.
    /// </summary>
    private void TickKeepers(long step)
    {
        if (step <= 0 || step % KeeperTickInterval != 0) return;
        foreach (var clock in Enum.GetValues<KeeperClock>())
            _ = TickAsync(GrainFactory.GetGrain<IKeeperGrain>(KeeperClocks.Key(RouterId, clock)));

        async Task TickAsync(IKeeperGrain keeper)
        {
            try
            {
                await keeper.Tick(step);
            }
            catch (Exception e)
            {
                LogKeeperTickFailed(logger, e, RouterId, step);
            }
        }
    }
}

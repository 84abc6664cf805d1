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
        ValidateRegions("scar", scars.Select(s => (s?.ExpertId, s?.Centroid ?? default, s?.Radius ?? 0, s?.Sequence ?? 0)), configuration, nameof(scars));
        if (sequence <= state.State.ScarSequence) return;
        var (previous, previousSequence) = (state.State.Scars, state.State.ScarSequence);
        await WriteOrRestoreAsync(
            () => (state.State.Scars, state.State.ScarSequence) = ([.. scars], sequence),
            () => (state.State.Scars, state.State.ScarSequence) = (previous, previousSequence));
    }

    /// <summary>Checks regions pushed by a keeper (scars, reflexes): each names its expert and has a valid centroid and radius.</summary>
    private static void ValidateRegions(
        string what, IEnumerable<(string? ExpertId, ImmutableArray<float> Centroid, double Radius, long Sequence)> regions, RouterConfiguration configuration, string parameter)
    {
        foreach (var (expertId, centroid, radius, sequence) in regions)
        {
            if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException($"A {what} names its expert.", parameter);
            if (centroid.IsDefault) throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} {sequence} has no centroid.", parameter);
            ScarRegion.Validate(centroid.AsSpan(), radius, configuration.InputDimension);
        }
    }

    /// <summary>Applies a change to the state and writes it; if the write fails, the change is undone and the error propagates.</summary>
    private async Task WriteOrRestoreAsync(Action apply, Action restore)
    {
        apply();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            restore();
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

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

    public async Task ApplyScars(long sequence, ImmutableArray<RegionClaim> scars)
    {
        scars = ClaimsToHold("scar", scars, nameof(scars));
        if (sequence <= state.State.ScarSequence) return;
        await WriteAsync(next => (next.Scars, next.ScarSequence) = ([.. scars], sequence));
    }

    /// <summary>
    /// Checks the scars or reflexes a keeper hands over and keeps those of the router's embedder: one committed before the
    /// embedder changed lies in the old embedder's space and is not applied.
    /// </summary>
    /// <exception cref="ArgumentException">A default array or a malformed region; nothing changed.</exception>
    private ImmutableArray<RegionClaim> ClaimsToHold(string kind, ImmutableArray<RegionClaim> claims, string parameter)
    {
        var configuration = RequireConfigured();
        if (claims.IsDefault) throw new ArgumentException($"{char.ToUpperInvariant(parameter[0])}{parameter[1..]} must not be a default array.", parameter);
        claims = [.. claims.Where(c => c is null || c.Epoch >= state.State.EmbedderEpoch)];
        RouterInputs.ValidateRegions(kind, claims.Select(c => (c?.ExpertId, (ImmutableArray<float>)(c?.Centroid ?? default), c?.Radius ?? 0, c?.Sequence ?? 0)), configuration.InputDimension, parameter);
        return claims;
    }

    public Task<ImmutableArray<RegionClaim>> GetScars()
    {
        RequireConfigured();
        return Task.FromResult(state.State.Scars.ToImmutableArray());
    }

    private readonly FailureRegions _failureRegions = new();

    public Task<bool> ReportFailure(ImmutableArray<float> input, string expertId)
    {
        var configuration = RequireConfigured();
        RouterInputs.RequireFinite(input, configuration.InputDimension, "Input");
        RequireRosterExpert(expertId);
        if (_failureRegions.Record(expertId, input.AsSpan()) is not { } candidate) return Task.FromResult(false);

        var evidence = new ScarEvidence([.. candidate.Centroid], candidate.Radius, candidate.Failures);
        var router = KeeperEvidence([]);
        ProposeToKeeper(KeeperClock.Slow, IdentityEventKind.Scar, expertId,
            keeper => keeper.Propose(IdentityEventKind.Scar, expertId, evidence, router, commitWhenDue: true));
        return Task.FromResult(true);
    }

    /// <summary>
    /// Sends one of the router's own proposals (its scar and reflex sentinels), with the evidence the keeper checks, to a
    /// keeper that commits it when due. Not awaited: routing never waits for the kernel (see <see cref="TickKeepers"/>).
    /// </summary>
    private void ProposeToKeeper(
        KeeperClock clock, IdentityEventKind kind, string expertId, Func<IKeeperGrain, Task<string>> propose, Action? failed = null, Action<string>? proposed = null)
    {
        _ = ProposeAsync();

        async Task ProposeAsync()
        {
            try
            {
                var id = await propose(GrainFactory.Reference<IKeeperGrain>(KeeperClocks.Key(RouterId, clock)));
                proposed?.Invoke(id);
                LogSentinelProposed(logger, RouterId, kind, expertId, id);
            }
            catch (Exception e)
            {
                failed?.Invoke();
                LogSentinelProposalFailed(logger, e, RouterId, kind, expertId);
            }
        }
    }

    /// <summary>
    /// Advances the three keepers' clocks to <paramref name="step"/>, sending the evidence for the commits that fall due
    /// and what the router holds of each keeper's log; each answers with the scars or reflexes the router lacks. Calls go
    /// one way (a keeper never calls this router back from a tick). Not awaited: routing never waits for the kernel; a
    /// keeper that cannot be reached misses a tick and catches up on the next, since ticks are monotonic.
    /// </summary>
    private void TickKeepers(long step)
    {
        if (step <= 0 || step % KeeperTickInterval != 0) return;
        // The epoch rides along until every keeper acknowledged it, so a keeper that missed a boundary catches up.
        var epoch = CurrentEpochMark() is { } mark && mark.Epoch > _epochAnnounced ? mark : null;
        var evidence = KeeperEvidence(WaitingReflexReadings());
        var (scars, reflexes) = (state.State.ScarSequence, state.State.ReflexSequence);
        CallKeepers(async (clock, keeper) =>
        {
            if (epoch is not null) await keeper.EnterEpoch(epoch);
            var held = clock switch { KeeperClock.Slow => scars, KeeperClock.Fast => reflexes, _ => 0 };
            await HoldAsync(clock, await keeper.Tick(new KeeperTick(step, held, evidence)));
        }, step, epoch);
    }

    /// <summary>What the router tells its keepers with a tick or its own proposal, so they need not call it back.</summary>
    private RouterEvidence KeeperEvidence(ImmutableArray<ReflexReading> reflexes) => new(Snapshot(), GovernanceId, reflexes);

    /// <summary>
    /// Takes a keeper's answer to a tick: its scars or reflexes when newer than the router's, applied as a call to this
    /// router, so they are written in a turn of their own and not beside a request that is writing. A failure is logged;
    /// the next tick's answer carries them again.
    /// </summary>
    private async Task HoldAsync(KeeperClock clock, KeeperTickReport report)
    {
        if (clock == KeeperClock.Fast) WaitForReflexes(report.WaitingReflexes);
        try
        {
            await ClaimsHandover.HandAsync(this.AsReference<IRouterLayerGrain>(), clock, report);
        }
        catch (Exception e)
        {
            LogKeeperTickFailed(logger, e, RouterId, report.Tick);
        }
    }

    /// <summary>Tells the three keepers that an epoch began (SPEC 5.3), without waiting for them (see <see cref="TickKeepers"/>).</summary>
    private void AnnounceEpoch()
    {
        if (CurrentEpochMark() is { } epoch) CallKeepers((_, keeper) => keeper.EnterEpoch(epoch), epoch.RouterStep, epoch);
    }

    // The newest epoch all three keepers acknowledged in this activation.
    private int _epochAnnounced;

    private EpochMark? CurrentEpochMark() => state.State.Epoch > 0
        ? new EpochMark(state.State.Epoch, state.State.EpochStartStep, state.State.EpochReason ?? "roster edit")
        : null;

    // Set while keeper calls fail: the router keeps serving with its last known scars and reflexes and says so (SPEC 5.2).
    private (DateTimeOffset Since, string Error)? _kernelUnreachable;

    private void CallKeepers(Func<KeeperClock, IKeeperGrain, Task> call, long step, EpochMark? epoch)
    {
        _ = CallAllAsync();

        async Task CallAllAsync()
        {
            var calls = Enum.GetValues<KeeperClock>().Select(CallAsync);
            if ((await Task.WhenAll(calls)).All(ok => ok) && epoch is not null) _epochAnnounced = Math.Max(_epochAnnounced, epoch.Epoch);
        }

        async Task<bool> CallAsync(KeeperClock clock)
        {
            try
            {
                await call(clock, GrainFactory.Reference<IKeeperGrain>(KeeperClocks.Key(RouterId, clock)));
                _kernelUnreachable = null;
                return true;
            }
            catch (Exception e)
            {
                _kernelUnreachable ??= (time.GetUtcNow(), e.Message);
                LogKeeperTickFailed(logger, e, RouterId, step);
                return false;
            }
        }
    }

    private string KernelStatus() => _kernelUnreachable is { } down
        ? $"still here, cannot reach keepers since {down.Since:u} ({down.Error}): serving with the last known {state.State.Scars.Count} scar(s) " +
          $"and {state.State.Reflexes.Count} reflex(es); identity writes wait until the keepers answer"
        : "reachable";
}

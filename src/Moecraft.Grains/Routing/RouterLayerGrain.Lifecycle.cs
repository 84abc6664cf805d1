using System.Collections.Immutable;
using Moecraft.Coherence;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// Lifecycle decisions (SPEC 3.6): recorded every <see cref="RouterSettings.LifecycleInterval"/> trace steps, proposed or
/// not, and executed when the router's setting and its governance's lifecycle autonomy allow (operators apply the others).
/// </summary>
public sealed partial class RouterLayerGrain
{
    public Task<ImmutableArray<LifecycleDecisionRecord>> GetProposals()
    {
        RequireConfigured();
        return Task.FromResult(decisions.State.Decisions.ToImmutableArray());
    }

    /// <summary>
    /// Records a lifecycle decision on the step's <paramref name="next"/> state and writes both, the roster first (as in
    /// ApplyProposal); the decision is applied when the router and its governance let it execute.
    /// </summary>
    private async Task DecideAsync(RouterLayerState next, RouterLayerEngine engine, long step, LifecycleAutonomy autonomy)
    {
        var log = decisions.State.Copy();
        var decision = RouterReports.Decision(log.NextId++, step, next.Epoch, time.GetUtcNow(), engine.Propose());
        log.Add(decision);
        LogDecision(logger, RouterId, decision.Id, decision.Summary);
        if (decision.ChosenCandidate is not { } edit
            || !LifecycleAutonomyRule.ExecutesAutomatically(next.Settings.ExecuteLifecycle, autonomy, edit.Edit)
            || RouterEngines.PruneEvidence(next, edit, RouterId) is { Holds: false })
        {
            await WriteAsync(next);
            await decisions.WriteNextAsync(log);
            return;
        }
        var applied = LifecycleExecutor.Apply(next, log, log.Decisions.Count - 1, edit);
        await CommitEpochAsync(next, AppliedReason(applied), log: log);
        LogApplied(logger, RouterId, applied.Id, edit.Edit, state.State.Epoch);
        journalist.Record(JournalKinds.LifecycleEdit, AppliedText(applied, $"automatically (lifecycle autonomy {PolicyText.Autonomy(autonomy)})"));
    }

    private static string AppliedReason(LifecycleDecisionRecord applied) => $"lifecycle decision {applied.Id}: {applied.Summary}";

    private string AppliedText(LifecycleDecisionRecord applied, string how) =>
        $"Router '{RouterId}' applied lifecycle decision {applied.Id} {how}: {applied.Summary}; epoch {state.State.Epoch}.";
}

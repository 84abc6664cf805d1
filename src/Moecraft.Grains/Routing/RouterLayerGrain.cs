using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Balancing;
using Moecraft.Coherence;
using Moecraft.Diagnostics;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Gating;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Lifecycle;
using Moecraft.Torch;

namespace Moecraft.Routing;

/// <summary>
/// A router layer (SPEC 3): fixed-width roster with lifecycle status per slot, gating weights, and the ChronoMoE engine
/// state (coherence, three clocks, slow bias, bimodality), all persisted. Routes with <c>z = W x + b</c> on TorchSharp,
/// selects top-k on <c>z + beta</c>, weighs with the clean softmax; ingests traces; records lifecycle decisions.
/// </summary>
[GrainType("router-layer")]
public sealed partial class RouterLayerGrain(
    [PersistentState("router-layer", MoecraftStorage.Name)] IPersistentState<RouterLayerState> state,
    [PersistentState("router-decisions", MoecraftStorage.Name)] IPersistentState<LifecycleDecisionLog> decisions,
    [PersistentState("router-health", MoecraftStorage.Name)] IPersistentState<RouterHealthLog> healthLog,
    RouterHealthHistorySettings historySettings,
    GovernanceCache governance,
    Journalist journalist,
    SiloEmbedder embedder,
    TimeProvider time,
    ILogger<RouterLayerGrain> logger) : Grain, IRouterLayerGrain
{
    // Routed-unit counts are statistics, flushed on a timer and on deactivation rather than on every route,
    // so routing does not pay a database write; roster, weights and traces are written before they are acknowledged.
    private static readonly TimeSpan CounterFlushPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Trace steps between two writes of the engine state (it is also written with decisions, on the timer and on deactivation).</summary>
    public const int EngineWriteInterval = 100;

    private GatingKernel? _kernel;

    // Routed units and engine statistics changed in memory since the last write (the one part of the state changed in
    // place: statistics, stored as they stand; every other change builds the next state and writes it, see WriteAsync).
    private bool _countersDirty;

    private string RouterId => this.GetPrimaryKeyString();

    private string GovernanceId => state.State.Settings.GovernanceId ?? GovernanceIds.Cluster;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Rosters written before slot status existed: every occupied slot takes its status from the mask.
        if (state.State.Configuration is { } configuration && state.State.SlotStatus.Length != configuration.Width)
            state.State.SlotStatus = [.. state.State.SlotExperts.Select((id, i) =>
                id is null ? ExpertStatus.Unregistered : state.State.Active[i] ? ExpertStatus.Active : ExpertStatus.Cooling)];

        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => state.State.Audit, WriteAuditAsync, logger);
        this.RegisterGrainTimer(static (self, _) => self.FlushCountersAsync(), this,
            new GrainTimerCreationOptions(CounterFlushPeriod, CounterFlushPeriod));
        this.RegisterGrainTimer(static (self, _) => self.RecordHealthAsync(), this,
            new GrainTimerCreationOptions(historySettings.Period, historySettings.Period));
        return Task.CompletedTask;
    }

    public async Task<RouterSnapshot> Configure(RouterConfiguration configuration)
    {
        // A router named by malformed text is never created (nor listed in the directory).
        RouterIds.Validate(RouterId, "key");
        ArgumentNullException.ThrowIfNull(configuration);
        // A configuration that names no embedder is for this silo's (see EmbedderCompatibility.Recorded).
        configuration = EmbedderCompatibility.Recorded(configuration, await SiloEmbedderAsync());
        RouterRoster.Validate(configuration);
        if (state.State.Configuration is { } existing)
        {
            if (!EmbedderCompatibility.SameRouter(existing, configuration))
                throw new InvalidOperationException(
                    $"Router '{RouterId}' is already configured as {existing}; its shape cannot change (a new embedder is a migration: 'moecraft embedder migrate').");
            // Repeated on every seeding: routers configured before the directory existed get listed too.
            await ListInDirectoryAsync();
            return Snapshot();
        }

        await WriteAsync(next => RouterEpochs.Configure(next, configuration, time.GetUtcNow()));
        LogConfigured(logger, RouterId, configuration.Width, configuration.InputDimension, configuration.TopK);
        await ListInDirectoryAsync();
        return Snapshot();
    }

    /// <summary>Tells the cluster's router directory (the HTTP API's model list) that this router exists.</summary>
    private Task ListInDirectoryAsync() => GrainFactory.GetGrain<IRouterDirectoryGrain>(RouterDirectoryKeys.Cluster).Add(RouterId);

    public Task<RouterSnapshot> GetSnapshot()
    {
        RequireConfigured();
        return Task.FromResult(Snapshot());
    }

    public async Task<int> RegisterExpert(string expertId)
    {
        RequireConfigured();
        ExpertIds.Validate(expertId, nameof(expertId));
        var joins = RouterRoster.SlotOf(state.State, expertId) < 0;
        if (joins) await RequireAllowedAsync(expertId);
        var next = state.State.Copy();
        var (slot, changed) = RouterRoster.Register(next, expertId);
        if (joins) RouterEngines.ResetSlots(next, [slot]);
        if (changed) await CommitEpochAsync(next, $"expert '{expertId}' joined slot {slot}");
        return slot;
    }

    public async Task DeactivateExpert(string expertId)
    {
        RequireConfigured();
        var next = state.State.Copy();
        if (RouterRoster.Deactivate(next, expertId)) await CommitEpochAsync(next, $"expert '{expertId}' left the roster");
    }

    public async Task<RouteDecision> Route(ImmutableArray<float> input)
    {
        var configuration = RequireConfigured();
        await RequireRunningAsync();
        return RouteOne(configuration, input).Decision;
    }

    /// <summary>One input through <c>z = W x + b</c>, the biased top-k and the clean gates; counted as one routed unit.</summary>
    private (RouteDecision Decision, float[] Logits) RouteOne(RouterConfiguration configuration, ImmutableArray<float> input)
    {
        RouterInputs.RequireFinite(input, configuration.InputDimension, "Input");
        var logits = Kernel(configuration).Logits(input.AsSpan());
        var decision = RouteSelection.Decide(RouterId, state.State, logits, input.AsSpan(), RouterEngines.Beta(state.State));
        CountRouted(1);
        return (decision, logits);
    }

    public async Task<BatchRouteResult> RouteBatch(ImmutableArray<float> inputs)
    {
        var configuration = RequireConfigured();
        await RequireRunningAsync();
        var d = configuration.InputDimension;
        var units = RouterInputs.RequireBatch(inputs, d);
        var logits = Kernel(configuration).Logits(inputs.ToArray(), units);
        var beta = RouterEngines.Beta(state.State);
        var decisions = ImmutableArray.CreateBuilder<RouteDecision>(units);
        for (var t = 0; t < units; t++)
            decisions.Add(RouteSelection.Decide(RouterId, state.State, logits.AsSpan(t * configuration.Width, configuration.Width), inputs.AsSpan(t * d, d), beta));
        CountRouted(units);
        var disagreement = RouteSelection.Disagreement(logits, beta, units, configuration);
        return new BatchRouteResult(decisions.MoveToImmutable(), RouterReports.Disagreement(disagreement));
    }

    public async Task<TraceObservation> ObserveTrace(TraceSummary summary)
    {
        var configuration = RequireConfigured();
        // A training step is work: a halted cluster refuses it before the engine moves.
        var governed = await RequireRunningAsync();
        var input = TraceSummaryMapper.ToStepInput(summary, state.State.Active);
        var engine = RouterEngines.Of(state.State, summary.Dimension, summary.InputDimension > 0 ? summary.InputDimension : configuration.InputDimension, RouterId);
        var result = engine.ObserveStep(WithPredictedAblations(configuration, input, engine));
        var stepped = EngineStateRecord.From(engine.Snapshot());

        // Engine statistics are written every EngineWriteInterval steps, with every decision, on the counter timer and on
        // deactivation, not on every step (a crash replays at most that many steps' statistics, as the keepers' clocks do).
        var decided = state.State.Settings.LifecycleInterval > 0 && result.Step % state.State.Settings.LifecycleInterval == 0;
        if (!decided && result.Step % EngineWriteInterval != 0)
        {
            state.State.Engine = stepped;
            _countersDirty = true;
        }
        else
        {
            var next = state.State.Copy();
            next.Engine = stepped;
            await (decided ? DecideAsync(next, engine, result.Step, governed.Policy.Policy.LifecycleAutonomy) : WriteAsync(next));
        }
        TickKeepers(result.Step);
        return new TraceObservation(
            result.Step, state.State.Epoch, [.. state.State.Engine!.Bias.Select(b => (float)b)], result.Relevance,
            result.Coherence.Psi, result.Coherence.PsiLeaveOneOut, result.Load.EffectiveExperts, result.Load.MaxViolation,
            result.Disagreement is { } disagreement ? RouterReports.Disagreement(disagreement) : null,
            [.. state.State.Active],
            [.. engine.WantedAblations()]);
    }

    public Task<LayerHealthReport> GetHealth() => Task.FromResult(GetHealthReport());

    private LayerHealthReport GetHealthReport()
    {
        RequireConfigured();
        var health = RouterEngines.Current(state.State, RouterId).Health();
        return RouterReports.Health(RouterId, state.State.Epoch, state.State.SlotExperts, health) with { Kernel = KernelStatus() };
    }

    public Task<RouterSettings> GetSettings()
    {
        RequireConfigured();
        return Task.FromResult(state.State.Settings);
    }

    public async Task<RouterSettings> UpdateSettings(RouterSettings settings)
    {
        RequireConfigured();
        RouterRoster.Validate(settings);
        await WriteAsync(next => next.Settings = settings);
        return settings;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushCountersAsync();
        await RecordHealthAsync();
        DropKernel();
        DropPredictor();
    }

    private GatingKernel Kernel(RouterConfiguration configuration) =>
        _kernel ??= new GatingKernel(state.State.Weights, state.State.Bias, state.State.Active, configuration.Width, configuration.InputDimension);

    private void DropKernel()
    {
        _kernel?.Dispose();
        _kernel = null;
    }

    private void CountRouted(int units)
    {
        state.State.RoutedUnits += units;
        _countersDirty = true;
        MoecraftDiagnostics.RoutedUnits.Add(units, new KeyValuePair<string, object?>("router", RouterId));
    }

    private async Task FlushCountersAsync()
    {
        if (!_countersDirty) return;
        _countersDirty = false;
        await state.WriteStateAsync();
    }

    private RouterConfiguration RequireConfigured() =>
        state.State.Configuration ?? throw new InvalidOperationException($"Router '{RouterId}' is not configured.");

    private RouterSnapshot Snapshot() => RouterReports.Roster(RouterId, state.State);
}

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

        state.State.Configuration = configuration;
        state.State.SlotExperts = new string?[configuration.Width];
        state.State.Active = new bool[configuration.Width];
        state.State.SlotStatus = new ExpertStatus[configuration.Width];
        state.State.Weights = GatingWeights.InitialWeights(configuration.Width, configuration.InputDimension, configuration.Seed);
        state.State.Bias = new float[configuration.Width];
        RouterHealthLog.AddEpoch(state.State.Epochs, new EpochBoundary(0, 0, time.GetUtcNow(), "configured"));
        await state.WriteStateAsync();
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
        var before = RouterRoster.SlotOf(state.State, expertId);
        if (before < 0) await RequireAllowedAsync(expertId);
        var (slot, changed) = RouterRoster.Register(state.State, expertId);
        if (before < 0) ResetEngineSlots([slot]);
        if (changed) await CommitEpochAsync($"expert '{expertId}' joined slot {slot}");
        return slot;
    }

    public async Task DeactivateExpert(string expertId)
    {
        RequireConfigured();
        if (RouterRoster.Deactivate(state.State, expertId)) await CommitEpochAsync($"expert '{expertId}' left the roster");
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
        RequireFinite(input, configuration.InputDimension, "Input");
        var logits = Kernel(configuration).Logits(input.AsSpan());
        var decision = Decide(logits, input.AsSpan(), configuration, CurrentBeta());
        CountRouted(1);
        return (decision, logits);
    }

    public async Task<BatchRouteResult> RouteBatch(ImmutableArray<float> inputs)
    {
        var configuration = RequireConfigured();
        await RequireRunningAsync();
        var d = configuration.InputDimension;
        if (inputs.IsDefaultOrEmpty || inputs.Length % d != 0)
            throw new ArgumentException($"A batch must hold T x {d} values, got {(inputs.IsDefault ? 0 : inputs.Length)}.", nameof(inputs));
        RequireFinite(inputs, inputs.Length, "Batch");

        var units = inputs.Length / d;
        var width = configuration.Width;
        var logits = Kernel(configuration).Logits(inputs.ToArray(), units);
        var beta = CurrentBeta();
        var decisions = ImmutableArray.CreateBuilder<RouteDecision>(units);
        var clean = new double[units * width];
        var biased = new double[units * width];
        var scaled = new double[width];
        for (var t = 0; t < units; t++)
        {
            var row = logits.AsSpan(t * width, width);
            decisions.Add(Decide(row, inputs.AsSpan(t * d, d), configuration, beta));
            for (var e = 0; e < width; e++) scaled[e] = row[e];
            Softmax.Of(scaled, configuration.Temperature).CopyTo(clean, t * width);
            for (var e = 0; e < width; e++) scaled[e] = row[e] + beta[e];
            Softmax.Of(scaled, configuration.Temperature).CopyTo(biased, t * width);
        }
        CountRouted(units);
        var disagreement = RoutingDisagreement.Summarise(clean, biased, width, configuration.TopK);
        return new BatchRouteResult(decisions.MoveToImmutable(), RouterReports.Disagreement(disagreement));
    }

    public async Task<TraceObservation> ObserveTrace(TraceSummary summary)
    {
        var configuration = RequireConfigured();
        // A training step is work: a halted cluster refuses it before the engine moves.
        var governed = await RequireRunningAsync();
        var input = TraceSummaryMapper.ToStepInput(summary, state.State.Active);
        var engine = Engine(summary.Dimension, summary.InputDimension > 0 ? summary.InputDimension : configuration.InputDimension);
        var result = engine.ObserveStep(WithPredictedAblations(configuration, input, engine));
        state.State.Engine = EngineStateRecord.From(engine.Snapshot());

        var decided = state.State.Settings.LifecycleInterval > 0 && result.Step % state.State.Settings.LifecycleInterval == 0;
        var autonomy = governed.Policy.Policy.LifecycleAutonomy;
        var applied = decided ? Decide(engine, result.Step, autonomy) : null;

        // Engine statistics are written every EngineWriteInterval steps, with every decision, on the counter timer and on
        // deactivation, not on every step (a crash replays at most that many steps' statistics, as the keepers' clocks do);
        // the roster before the decision log, as in ApplyProposal.
        if (decided || result.Step % EngineWriteInterval == 0) await state.WriteStateAsync();
        else _countersDirty = true;
        if (decided) await decisions.WriteStateAsync();
        if (applied is not null)
        {
            RecordApplied(applied, $"automatically (lifecycle autonomy {PolicyText.Autonomy(autonomy)})");
            AnnounceEpoch();
        }
        TickKeepers(result.Step);
        return new TraceObservation(
            result.Step, state.State.Epoch, [.. state.State.Engine.Bias.Select(b => (float)b)], result.Relevance,
            result.Coherence.Psi, result.Coherence.PsiLeaveOneOut, result.Load.EffectiveExperts, result.Load.MaxViolation,
            result.Disagreement is { } disagreement ? RouterReports.Disagreement(disagreement) : null,
            [.. state.State.Active],
            [.. engine.WantedAblations()]);
    }

    public Task<LayerHealthReport> GetHealth() => Task.FromResult(GetHealthReport());

    private LayerHealthReport GetHealthReport()
    {
        var configuration = RequireConfigured();
        var engine = Engine(state.State.Engine?.OutputDimension ?? 1, state.State.Engine?.InputDimension ?? configuration.InputDimension);
        return RouterReports.Health(RouterId, state.State.Epoch, state.State.SlotExperts, engine.Health()) with { Kernel = KernelStatus() };
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
        state.State.Settings = settings;
        await state.WriteStateAsync();
        return settings;
    }

    public Task<ImmutableArray<LifecycleDecisionRecord>> GetProposals()
    {
        RequireConfigured();
        return Task.FromResult(decisions.State.Decisions.ToImmutableArray());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushCountersAsync();
        await RecordHealthAsync();
        DropKernel();
        _predictor?.Dispose();
        _predictor = null;
    }

    /// <summary>Records a lifecycle decision; returns it applied when the router and its governance let it execute.</summary>
    private LifecycleDecisionRecord? Decide(RouterLayerEngine engine, long step, LifecycleAutonomy autonomy)
    {
        var decision = RouterReports.Decision(decisions.State.NextId++, step, state.State.Epoch, time.GetUtcNow(), engine.Propose());
        decisions.State.Add(decision);
        LogDecision(logger, RouterId, decision.Id, decision.Summary);
        if (decision.ChosenCandidate is { } edit
            && LifecycleAutonomyRule.ExecutesAutomatically(state.State.Settings.ExecuteLifecycle, autonomy, edit.Edit)
            && PruneEvidence(edit) is null or { Holds: true })
            return Apply(decisions.State.Decisions.Count - 1, edit);
        return null;
    }

    /// <summary>The commit's re-check of a prune's ablation evidence (SPEC 3.6), on the evidence the router holds now; null for other edits.</summary>
    private AblationVerdict? PruneEvidence(LifecycleCandidateReport edit) =>
        edit.Edit == LifecycleEdit.Prune && state.State.Engine is { } persisted
            ? Engine(persisted.OutputDimension, persisted.InputDimension).CheckPruneEvidence(edit.Slots[0])
            : null;

    private void RequirePruneEvidence(LifecycleCandidateReport edit)
    {
        if (PruneEvidence(edit) is { Holds: false } verdict)
            throw new InvalidOperationException(
                $"Router '{RouterId}' will not prune slot {edit.Slots[0]}: its ablation evidence no longer holds ({verdict.Reason}). Nothing changed.");
    }

    private LifecycleDecisionRecord Apply(int index, LifecycleCandidateReport edit)
    {
        var fresh = LifecycleExecutor.Execute(state.State, edit, state.State.Epoch + 1);
        ResetEngineSlots(fresh);
        decisions.State.SupersedeProposals();
        var applied = decisions.State.Decisions[index] with { Status = LifecycleDecisionStatus.Applied };
        decisions.State.Decisions[index] = applied;
        StartEpoch($"lifecycle decision {applied.Id}: {applied.Summary}");
        LogApplied(logger, RouterId, applied.Id, edit.Edit, state.State.Epoch);
        return applied;
    }

    /// <summary>The governance snapshot this router obeys (from the silo's cache); throws when the cluster is halted.</summary>
    private async Task<GovernanceSnapshot> RequireRunningAsync()
    {
        var snapshot = await governance.GetAsync(GovernanceId);
        ClusterHaltedException.ThrowIfHalted(snapshot);
        await FollowPolicyAsync(snapshot.Policy.Version);
        return snapshot;
    }

    /// <summary>A new governance policy version is an epoch boundary (SPEC 5.3); the first version a router reads just starts its record.</summary>
    private async Task FollowPolicyAsync(long version)
    {
        if (state.State.EpochPolicyVersion == version || state.State.Configuration is null) return;
        if (state.State.EpochPolicyVersion is null)
        {
            state.State.EpochPolicyVersion = version;
            return;
        }
        var previous = state.State.EpochPolicyVersion;
        state.State.EpochPolicyVersion = version;
        try
        {
            await CommitEpochAsync($"governance policy version {version} (was {previous})");
        }
        catch
        {
            state.State.EpochPolicyVersion = previous;
            throw;
        }
    }

    /// <summary>A new expert must fit the policy's roster size and, when backends are restricted, use an allowed one.</summary>
    private async Task RequireAllowedAsync(string expertId)
    {
        var policy = (await governance.GetAsync(GovernanceId)).Policy;
        var experts = state.State.SlotExperts.Count(e => e is not null);
        if (experts >= policy.Policy.MaxExpertsPerRouter)
            throw new InvalidOperationException(
                $"Router '{RouterId}' already holds {experts} experts, the most governance '{GovernanceId}' allows (policy version {policy.Version}).");
        if (Enum.GetValues<BackendKind>().All(policy.Policy.AllowsBackend)) return;

        ExpertSnapshot expert;
        try
        {
            expert = await GrainFactory.GetGrain<IExpertGrain>(expertId).GetSnapshot();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"Governance '{GovernanceId}' restricts backends, so expert '{expertId}' must be registered before it joins router '{RouterId}': {e.Message}", e);
        }
        if (!policy.Policy.AllowsBackend(expert.Definition.Backend))
            throw new InvalidOperationException(
                $"Expert '{expertId}' uses the {PolicyText.Backend(expert.Definition.Backend)} backend, which governance '{GovernanceId}' does not allow " +
                $"(allowed: {string.Join(", ", policy.Policy.AllowedBackends.Select(PolicyText.Backend))}; policy version {policy.Version}).");
    }

    private void RecordApplied(LifecycleDecisionRecord applied, string how) => journalist.Record(JournalKinds.LifecycleEdit, AppliedText(applied, how));

    private string AppliedText(LifecycleDecisionRecord applied, string how) =>
        $"Router '{RouterId}' applied lifecycle decision {applied.Id} {how}: {applied.Summary}; epoch {state.State.Epoch}.";

    /// <summary>
    /// Starts an epoch for a roster or policy change, writes it (with the audit entry <paramref name="audit"/> makes of the
    /// new epoch, for an operator's change), and tells the keepers.
    /// </summary>
    private async Task CommitEpochAsync(string reason, Func<int, AuditRecord>? audit = null)
    {
        StartEpoch(reason);
        if (audit is null)
        {
            await state.WriteStateAsync();
        }
        else
        {
            await WriteAuditedAsync(audit(state.State.Epoch));
        }
        try
        {
            if (decisions.State.SupersedeProposals()) await decisions.WriteStateAsync();
        }
        finally
        {
            if (audit is not null) await _audit.FlushAsync();
        }
        AnnounceEpoch();
    }

    private void StartEpoch(string reason)
    {
        state.State.Epoch++;
        state.State.EpochReason = reason;
        state.State.EpochStartStep = state.State.Engine?.Steps ?? 0;
        RouterHealthLog.AddEpoch(state.State.Epochs, new EpochBoundary(state.State.Epoch, state.State.EpochStartStep, time.GetUtcNow(), reason));
        DropKernel();
        _countersDirty = false;
    }

    private void ResetEngineSlots(IReadOnlyList<int> slots)
    {
        if (state.State.Engine is null || slots.Count == 0) return;
        var engine = Engine(state.State.Engine.OutputDimension, state.State.Engine.InputDimension);
        foreach (var slot in slots) engine.ResetSlot(slot);
        state.State.Engine = EngineStateRecord.From(engine.Snapshot());
    }

    /// <summary>The engine over the persisted state; created on the first trace with that trace's dimensions.</summary>
    private RouterLayerEngine Engine(int outputDimension, int inputDimension)
    {
        var options = RouterEngineOptions.For(state.State.Settings);
        if (state.State.Engine is not { } persisted)
            return new RouterLayerEngine(RouterLayerEngineState.Create(state.State.Active, outputDimension, inputDimension), options);

        if (persisted.OutputDimension != outputDimension || persisted.InputDimension != inputDimension)
            throw new ArgumentException(
                $"Router '{RouterId}' traces have d = {persisted.OutputDimension}, d_in = {persisted.InputDimension}; got d = {outputDimension}, d_in = {inputDimension}.");
        return new RouterLayerEngine(persisted.ToEngineState(), options);
    }

    private double[] CurrentBeta() => state.State.Engine?.Bias ?? new double[state.State.Active.Length];

    private RouteDecision Decide(ReadOnlySpan<float> logits, ReadOnlySpan<float> input, RouterConfiguration configuration, double[] beta)
    {
        // Scars (SPEC 5.3) mask their expert for inputs inside the region, on the neural path as on the LLM gate.
        var k = configuration.TopK;
        if (MaskScarred(logits, input) is { } masked)
        {
            var open = masked.Count(float.IsFinite);
            if (open == 0)
                throw new InvalidOperationException(
                    $"Every active expert of router '{RouterId}' is scarred for this input ({string.Join(", ", ScarredAt(input).Order(StringComparer.Ordinal))}): " +
                    "no expert may take it. Nothing was started.");
            logits = masked;
            k = Math.Min(k, open);
        }
        var selection = BiasedGate.Select(logits, beta, k, configuration.Temperature);
        var selected = ImmutableArray.CreateBuilder<ExpertSelection>(selection.Slots.Length);
        for (var i = 0; i < selection.Slots.Length; i++)
        {
            var slot = selection.Slots[i];
            selected.Add(new ExpertSelection(slot, state.State.SlotExperts[slot]!, selection.Gates[i], logits[slot]));
        }
        return new RouteDecision(RouterId, state.State.Epoch, selected.MoveToImmutable(), [.. selection.CleanSlots]);
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

    private static void RequireFinite(ImmutableArray<float> values, int length, string name)
    {
        if (values.IsDefault || values.Length != length)
            throw new ArgumentException($"{name} has {(values.IsDefault ? 0 : values.Length)} values; the router takes {length}.", nameof(values));
        foreach (var value in values)
            if (!float.IsFinite(value)) throw new ArgumentException($"{name} contains a NaN or infinite value.", nameof(values));
    }

    private RouterConfiguration RequireConfigured() =>
        state.State.Configuration ?? throw new InvalidOperationException($"Router '{RouterId}' is not configured.");

    private RouterSnapshot Snapshot()
    {
        var slots = ImmutableArray.CreateBuilder<RosterSlot>();
        for (var i = 0; i < state.State.SlotExperts.Length; i++)
            if (state.State.SlotExperts[i] is { } expertId) slots.Add(new RosterSlot(i, expertId, state.State.Active[i]));
        return new RouterSnapshot(RouterId, state.State.Configuration!, slots.ToImmutable(), state.State.Epoch, state.State.RoutedUnits);
    }
}

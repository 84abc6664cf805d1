using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Gating;
using Moecraft.Torch;

namespace Moecraft.Routing;

/// <summary>
/// A router layer: fixed-width roster with an active mask and gating weights, persisted; routes with
/// <c>z = W x + b</c> on TorchSharp, top-k, gates softmax over the selected slots.
/// </summary>
[GrainType("router-layer")]
public sealed partial class RouterLayerGrain(
    [PersistentState("router-layer", MoecraftStorage.Name)] IPersistentState<RouterLayerState> state,
    ILogger<RouterLayerGrain> logger) : Grain, IRouterLayerGrain
{
    // Routed-unit counts are statistics, flushed on a timer and on deactivation rather than on every route,
    // so routing does not pay a database write; roster and weight edits are written before they are acknowledged.
    private static readonly TimeSpan CounterFlushPeriod = TimeSpan.FromSeconds(5);

    private GatingKernel? _kernel;
    private bool _countersDirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(static (self, _) => self.FlushCountersAsync(), this,
            new GrainTimerCreationOptions(CounterFlushPeriod, CounterFlushPeriod));
        return Task.CompletedTask;
    }

    public async Task<RouterSnapshot> Configure(RouterConfiguration configuration)
    {
        RouterRoster.Validate(configuration);
        if (state.State.Configuration is { } existing)
        {
            if (existing == configuration) return Snapshot();
            throw new InvalidOperationException(
                $"Router '{this.GetPrimaryKeyString()}' is already configured as {existing}; its shape cannot change.");
        }

        state.State.Configuration = configuration;
        state.State.SlotExperts = new string?[configuration.Width];
        state.State.Active = new bool[configuration.Width];
        state.State.Weights = GatingWeights.InitialWeights(configuration.Width, configuration.InputDimension, configuration.Seed);
        state.State.Bias = new float[configuration.Width];
        await state.WriteStateAsync();
        LogConfigured(logger, this.GetPrimaryKeyString(), configuration.Width, configuration.InputDimension, configuration.TopK);
        return Snapshot();
    }

    public Task<RouterSnapshot> GetSnapshot()
    {
        RequireConfigured();
        return Task.FromResult(Snapshot());
    }

    public async Task<int> RegisterExpert(string expertId)
    {
        RequireConfigured();
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("Expert id must not be empty.", nameof(expertId));
        var (slot, changed) = RouterRoster.Register(state.State, expertId);
        if (changed) await CommitRosterEditAsync();
        return slot;
    }

    public async Task DeactivateExpert(string expertId)
    {
        RequireConfigured();
        if (RouterRoster.Deactivate(state.State, expertId)) await CommitRosterEditAsync();
    }

    public Task<RouteDecision> Route(ImmutableArray<float> input)
    {
        var configuration = RequireConfigured();
        if (input.IsDefault || input.Length != configuration.InputDimension)
            throw new ArgumentException(
                $"Input has {(input.IsDefault ? 0 : input.Length)} values; router '{this.GetPrimaryKeyString()}' takes {configuration.InputDimension}.",
                nameof(input));
        foreach (var value in input)
            if (!float.IsFinite(value)) throw new ArgumentException("Input contains a NaN or infinite value.", nameof(input));

        _kernel ??= new GatingKernel(state.State.Weights, state.State.Bias, state.State.Active, configuration.Width, configuration.InputDimension);
        var logits = _kernel.Logits(input.AsSpan());
        var selection = TopKGate.Select(logits, configuration.TopK, configuration.Temperature);

        var selected = ImmutableArray.CreateBuilder<ExpertSelection>(selection.Slots.Length);
        for (var i = 0; i < selection.Slots.Length; i++)
        {
            var slot = selection.Slots[i];
            selected.Add(new ExpertSelection(slot, state.State.SlotExperts[slot]!, selection.Gates[i], selection.Logits[i]));
        }

        state.State.RoutedUnits++;
        _countersDirty = true;
        MoecraftDiagnostics.RoutedUnits.Add(1, new KeyValuePair<string, object?>("router", this.GetPrimaryKeyString()));
        return Task.FromResult(new RouteDecision(this.GetPrimaryKeyString(), state.State.Epoch, selected.MoveToImmutable()));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushCountersAsync();
        _kernel?.Dispose();
        _kernel = null;
    }

    private async Task CommitRosterEditAsync()
    {
        state.State.Epoch++;
        _kernel?.Dispose();
        _kernel = null;
        await state.WriteStateAsync();
        _countersDirty = false;
    }

    private async Task FlushCountersAsync()
    {
        if (!_countersDirty) return;
        _countersDirty = false;
        await state.WriteStateAsync();
    }

    private RouterConfiguration RequireConfigured() =>
        state.State.Configuration ?? throw new InvalidOperationException($"Router '{this.GetPrimaryKeyString()}' is not configured.");

    private RouterSnapshot Snapshot()
    {
        var slots = ImmutableArray.CreateBuilder<RosterSlot>();
        for (var i = 0; i < state.State.SlotExperts.Length; i++)
            if (state.State.SlotExperts[i] is { } expertId) slots.Add(new RosterSlot(i, expertId, state.State.Active[i]));
        return new RouterSnapshot(this.GetPrimaryKeyString(), state.State.Configuration!, slots.ToImmutable(), state.State.Epoch, state.State.RoutedUnits);
    }
}

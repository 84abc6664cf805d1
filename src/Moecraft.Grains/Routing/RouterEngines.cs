using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>The ChronoMoE engine over a router layer's persisted state (SPEC 3): built per call, its result stored back as a record.</summary>
public static class RouterEngines
{
    /// <summary>The engine over <paramref name="state"/>; a router without one starts it with these dimensions, one with one must match them.</summary>
    public static RouterLayerEngine Of(RouterLayerState state, int outputDimension, int inputDimension, string routerId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = RouterEngineOptions.For(state.Settings);
        if (state.Engine is not { } persisted)
            return new RouterLayerEngine(RouterLayerEngineState.Create(state.Active, outputDimension, inputDimension), options);

        if (persisted.OutputDimension != outputDimension || persisted.InputDimension != inputDimension)
            throw new ArgumentException(
                $"Router '{routerId}' traces have d = {persisted.OutputDimension}, d_in = {persisted.InputDimension}; got d = {outputDimension}, d_in = {inputDimension}.");
        return new RouterLayerEngine(persisted.ToEngineState(), options);
    }

    /// <summary>The engine at the dimensions it has (a router without one: the router's input width, one output).</summary>
    public static RouterLayerEngine Current(RouterLayerState state, string routerId) =>
        Of(state, state.Engine?.OutputDimension ?? 1, state.Engine?.InputDimension ?? state.Configuration!.InputDimension, routerId);

    /// <summary>Starts the statistics of <paramref name="slots"/> afresh on <paramref name="next"/> (a slot that took a new expert).</summary>
    public static void ResetSlots(RouterLayerState next, IReadOnlyList<int> slots)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Engine is not { } persisted || slots.Count == 0) return;
        var engine = new RouterLayerEngine(persisted.ToEngineState(), RouterEngineOptions.For(next.Settings));
        foreach (var slot in slots) engine.ResetSlot(slot);
        next.Engine = EngineStateRecord.From(engine.Snapshot());
    }

    /// <summary>The selection bias beta the router routes with (zeros before the first trace).</summary>
    public static double[] Beta(RouterLayerState state) => state.Engine?.Bias ?? new double[state.Active.Length];

    /// <summary>
    /// The commit's re-check of a prune's ablation evidence (SPEC 3.6) on the evidence <paramref name="state"/> holds;
    /// null for other edits, and for a router without engine state.
    /// </summary>
    public static AblationVerdict? PruneEvidence(RouterLayerState state, LifecycleCandidateReport edit, string routerId) =>
        edit.Edit == LifecycleEdit.Prune && state.Engine is { } persisted
            ? Of(state, persisted.OutputDimension, persisted.InputDimension, routerId).CheckPruneEvidence(edit.Slots[0])
            : null;
}

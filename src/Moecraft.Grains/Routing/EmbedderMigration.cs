using System.Collections.Immutable;
using Moecraft.Coherence;
using Moecraft.Gating;

namespace Moecraft.Routing;

/// <summary>
/// Moves a router's state to another embedder (SPEC 4.2): what lives in the old embedder's space starts afresh, counters
/// carry over. The grain starts the epoch around it; this only decides what changes.
/// </summary>
public static class EmbedderMigration
{
    /// <summary>What a migration re-initialises: everything made of the old embedder's vectors.</summary>
    public static ImmutableArray<string> Reinitialised { get; } =
    [
        "gate weights and bias",
        "success predictor, gain head and answer-acceptability predictor (learned from feedback)",
        "input centroids, role vectors, coherence clocks and slow bias",
        "scars and reflexes (they stay on the keepers' logs and are not applied)",
        "cache entries (the cache never compares vectors of two embedders)",
    ];

    /// <summary>What a migration keeps.</summary>
    public static ImmutableArray<string> Kept { get; } =
    [
        "roster, slot status and settings",
        "routed units and trace steps (the keepers' clocks)",
        "feedback counts and means per expert",
        "tokens seen and load shares per expert",
    ];

    /// <summary>Re-initialises <paramref name="state"/> for <paramref name="target"/>; the caller starts the epoch and writes it.</summary>
    public static void Apply(RouterLayerState state, EmbedderIdentity target)
    {
        ArgumentNullException.ThrowIfNull(state);
        EmbedderIdentity.Validate(target, nameof(target));
        var configuration = state.Configuration ?? throw new InvalidOperationException("An unconfigured router has no embedder to migrate.");

        // The one change of shape a router allows: its input width is its embedder's.
        state.Configuration = configuration with { InputDimension = target.Dimension, Embedder = target };
        state.Weights = GatingWeights.InitialWeights(configuration.Width, target.Dimension, configuration.Seed);
        state.Bias = new float[configuration.Width];
        state.Predictor = null;
        state.GainHead = null;
        state.Acceptability = null;
        state.AcceptabilitySamples = [];
        state.Scars = [];
        state.Reflexes = [];
        if (state.Engine is { } engine) state.Engine = EngineStateRecord.From(Carried(engine.ToEngineState(), target.Dimension));
    }

    /// <summary>A fresh engine at the new width (an LLM router's outputs are answer embeddings too) with the counters carried over.</summary>
    private static RouterLayerEngineState Carried(RouterLayerEngineState old, int dimension)
    {
        var fresh = RouterLayerEngineState.Create(old.Active, outputDimension: dimension, inputDimension: dimension);
        fresh.Steps = old.Steps;
        fresh.TokensSeen = old.TokensSeen;
        fresh.LoadShare = old.LoadShare;
        fresh.LastLoadShares = old.LastLoadShares;
        return fresh;
    }
}

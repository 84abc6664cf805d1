using Moecraft.Coherence;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Tests.Embeddings;

/// <summary>What moving a router to another embedder re-initialises and what it keeps (the grain starts the epoch around it).</summary>
public sealed class EmbedderMigrationTests
{
    private static RouterLayerState HashingRouterWithHistory()
    {
        var configuration = RouterConfiguration.Default with { Width = 4, InputDimension = 512, TopK = 1 };
        var active = new[] { true, true, false, false };
        var engine = RouterLayerEngineState.Create(active, outputDimension: 512, inputDimension: 512);
        engine.Steps = 120;
        engine.TokensSeen = [70, 50, 0, 0];
        engine.LastLoadShares = [0.6, 0.4, 0, 0];
        engine.BiasCoefficients = [0.5, -0.5, 0, 0];
        engine.Centroids.First[0] = 1;
        return new RouterLayerState
        {
            Configuration = configuration,
            SlotExperts = ["a", "b", null, null],
            Active = active,
            SlotStatus = [ExpertStatus.Active, ExpertStatus.Active, ExpertStatus.Unregistered, ExpertStatus.Unregistered],
            Weights = new float[4 * 512],
            Bias = [0.1f, 0.2f, 0, 0],
            Epoch = 3,
            RoutedUnits = 1_000,
            Engine = EngineStateRecord.From(engine),
            Predictor = new SuccessPredictorRecord { Dimension = 512, Experts = ["a", "b"] },
            Acceptability = new SuccessPredictorRecord { Dimension = 2 * 512 + 30, Experts = ["a", "b"] },
            AcceptabilitySamples = { ["a"] = 40 },
            Scars = [new RegionClaim(4, "a", [.. new float[512].Select((_, i) => i == 0 ? 1f : 0f)], 0.1)],
            ScarSequence = 4,
            Reflexes = [new RegionClaim(2, "b", [.. new float[512].Select((_, i) => i == 1 ? 1f : 0f)], 0.05)],
            ReflexSequence = 2,
            Feedback = { ["a"] = new ExpertFeedbackRecord(60, 0.9) },
        };
    }

    [Fact]
    public void What_lives_in_the_old_embedders_space_starts_afresh_at_the_new_width()
    {
        var state = HashingRouterWithHistory();

        EmbedderMigration.Apply(state, KnownEmbedders.MiniLm);

        Assert.Equal(RouterConfiguration.Default with { Width = 4, TopK = 1, InputDimension = 384, Embedder = KnownEmbedders.MiniLm }, state.Configuration);
        Assert.Equal(4 * 384, state.Weights.Length);
        Assert.Contains(state.Weights, w => w != 0);
        Assert.All(state.Bias, b => Assert.Equal(0, b));
        Assert.Null(state.Predictor);
        Assert.Null(state.Acceptability);
        Assert.Empty(state.AcceptabilitySamples);   // its answers are judged again only after the minimum at the new width
        Assert.Empty(state.Scars);
        Assert.Empty(state.Reflexes);
        var engine = state.Engine!.ToEngineState();
        Assert.Equal((384, 384), (engine.InputDimension, engine.OutputDimension));
        Assert.Equal(384, engine.Centroids.Dimension);
        Assert.All(engine.Centroids.First, c => Assert.Equal(0, c));
        Assert.All(engine.BiasCoefficients, k => Assert.Equal(0, k));
        engine.Validate();
    }

    [Fact]
    public void Counters_roster_and_sequences_are_kept()
    {
        var state = HashingRouterWithHistory();

        EmbedderMigration.Apply(state, KnownEmbedders.MiniLm);

        Assert.Equal(1_000, state.RoutedUnits);
        Assert.Equal(3, state.Epoch); // the grain starts the epoch
        Assert.Equal(new string?[] { "a", "b", null, null }, state.SlotExperts.AsEnumerable());
        Assert.Equal([true, true, false, false], state.Active);
        Assert.Equal(new ExpertFeedbackRecord(60, 0.9), state.Feedback["a"]);
        // Sequences stay: a keeper's later push is still newer than what the router saw.
        Assert.Equal((4, 2), (state.ScarSequence, state.ReflexSequence));
        var engine = state.Engine!.ToEngineState();
        Assert.Equal(120, engine.Steps);
        Assert.Equal([70L, 50, 0, 0], engine.TokensSeen);
        Assert.Equal([0.6, 0.4, 0, 0], engine.LastLoadShares);
    }

    [Fact]
    public void A_router_that_never_saw_a_trace_keeps_no_engine_and_a_bad_target_changes_nothing()
    {
        var state = HashingRouterWithHistory();
        state.Engine = null;

        Assert.Throws<ArgumentException>(() => EmbedderMigration.Apply(state, new EmbedderIdentity("", 384)));
        Assert.Throws<ArgumentException>(() => EmbedderMigration.Apply(state, new EmbedderIdentity("x", 0)));
        Assert.Equal(512, state.Configuration!.InputDimension);

        EmbedderMigration.Apply(state, KnownEmbedders.ArcticXs);
        Assert.Null(state.Engine);
        Assert.Equal(KnownEmbedders.ArcticXs, state.Configuration!.Embedder);
    }
}

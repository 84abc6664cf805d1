using Moecraft.Balancing;
using Moecraft.Coherence;
using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Torch.CharModel;
using Moecraft.Torch.Training;
using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Tests.Training;

/// <summary>
/// The toy bench in miniature (BENCHMARKS 1): the same cases, trainer options, controllers and measurements the bench
/// uses (<c>benchmarks/Moecraft.Benchmarks -- toybench</c>), on model T0 for a handful of steps, plus the bimodality known
/// answer on the router layer's own math.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ToyBenchSmokeTests(SqliteClusterFixture fixture)
{
    private const int Steps = 6;

    private static MoeTrainerOptions ShortRun => new() { Steps = Steps, WarmupSteps = 2, ValidationBatches = 1 };

    [Fact]
    public void Faults_follow_the_bench_at_2000_steps_and_scale_with_shorter_runs()
    {
        var collapse = new ToyBenchCase(ToyBenchArm.Moecraft, ToyBenchFault.Collapse, 1).FaultPlan(2000);
        Assert.Equal([0, 1], collapse.CollapseExperts);
        Assert.Equal(4f, collapse.CollapseOffset);
        Assert.Equal(300, collapse.CollapseUntilStep);
        Assert.NotNull(collapse.LogitOffsetAt(299, 8));
        Assert.Null(collapse.LogitOffsetAt(300, 8));

        var noise = new ToyBenchCase(ToyBenchArm.LossFree, ToyBenchFault.Noise, 1).FaultPlan(2000);
        Assert.Null(noise.NoiseExpertAt(499));
        Assert.Equal(5, noise.NoiseExpertAt(500));

        Assert.Equal(30, new ToyBenchCase(ToyBenchArm.Switch, ToyBenchFault.Collapse, 1).FaultPlan(200).CollapseUntilStep);
        Assert.Equal(50, new ToyBenchCase(ToyBenchArm.Switch, ToyBenchFault.Noise, 1).FaultPlan(200).NoiseFromStep);
        Assert.Same(MoeFaultPlan.None, new ToyBenchCase(ToyBenchArm.Switch, ToyBenchFault.Clean, 1).FaultPlan(2000));
    }

    [Fact]
    public void Arm_and_fault_names_round_trip_and_the_dense_arm_runs_clean_only()
    {
        Assert.All(ToyBenchNames.AllArms, arm => Assert.Equal(arm, ToyBenchNames.ParseArm(ToyBenchNames.Of(arm))));
        Assert.All(ToyBenchNames.AllFaults, fault => Assert.Equal(fault, ToyBenchNames.ParseFault(ToyBenchNames.Of(fault))));
        Assert.Equal(ToyBenchArm.NoBalancing, ToyBenchNames.ParseArm(" None "));
        Assert.Contains("lossfree", Assert.Throws<ArgumentException>(() => ToyBenchNames.ParseArm("aux")).Message);
        Assert.Throws<ArgumentException>(() => ToyBenchNames.ParseFault("drift"));

        Assert.Throws<InvalidOperationException>(() => new ToyBenchCase(ToyBenchArm.Dense, ToyBenchFault.Noise, 1).TrainerOptions());
        var switchOptions = new ToyBenchCase(ToyBenchArm.Switch, ToyBenchFault.Clean, 7).TrainerOptions();
        Assert.Equal((7, 0.01, 2000), (switchOptions.Seed, switchOptions.AuxiliaryLossWeight, switchOptions.Steps));
        Assert.Equal(FeedForwardKind.Dense, new ToyBenchCase(ToyBenchArm.Dense, ToyBenchFault.Clean, 7).Model().FeedForward);
    }

    [Theory]
    [InlineData(ToyBenchArm.Dense)]
    [InlineData(ToyBenchArm.NoBalancing)]
    [InlineData(ToyBenchArm.Switch)]
    [InlineData(ToyBenchArm.LossFree)]
    public async Task Each_arm_trains_and_is_measured_the_way_the_bench_measures_it(ToyBenchArm arm)
    {
        var benchCase = new ToyBenchCase(arm, ToyBenchFault.Clean, Seed: 7);
        var model = benchCase.Model();
        var inner = await benchCase.CreateControllerAsync(model, grains: null, routerPrefix: "unused");
        var observed = new List<ObservedStep>();
        var controller = new ObservingController(inner, (step, _) =>
        {
            observed.Add(step);
            return ValueTask.CompletedTask;
        });
        using var trainer = new MoeTrainer(CharCorpus.LoadEmbedded(), model, benchCase.TrainerOptions(ShortRun));

        var result = await trainer.TrainAsync(controller);

        Assert.Equal(Steps, observed.Count);
        Assert.All(result.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.StepSeconds > 0));
        Assert.Single(result.Steps.Select(s => s.ThreadLiveTensors).Distinct());   // no leak per step
        var expectedLayers = arm == ToyBenchArm.Dense ? 0 : model.Layers;
        Assert.Equal(expectedLayers, result.Validation.LayerCounts.Length);
        Assert.All(result.Validation.LayerCounts, counts => Assert.Equal(2L * 32 * 64, counts.Sum()));   // k T over the validation batch
        Assert.All(result.Steps, s => Assert.Equal(arm == ToyBenchArm.Switch, s.AuxiliaryLoss > 0));
        if (arm == ToyBenchArm.Dense)
        {
            Assert.Equal(result.Parameters.Total, result.Parameters.Active);
            return;
        }

        // Disagreement as the bench computes it for arms without a grain: from the sampled clean and biased rows.
        var disagreement = observed.Select(step => step.Observation.Layers.Select(layer => RoutingDisagreement.Summarise(
            Array.ConvertAll(layer.SampledClean, v => (double)v), Array.ConvertAll(layer.SampledBiased, v => (double)v), layer.ExpertCount, layer.TopK)).ToArray()).ToArray();
        if (arm == ToyBenchArm.LossFree)
        {
            // The sign rule's bias is centred and, from the second step on, moves the sampled probabilities.
            Assert.All(observed, step => Assert.All(step.Bias, bias => Assert.Equal(0, bias!.Sum(), 1e-5)));
            Assert.Contains(disagreement.Skip(1).SelectMany(layers => layers), d => d.OverlapMass > 0);
        }
        else
        {
            Assert.All(observed, step => Assert.All(step.Bias, Assert.Null));
            Assert.All(disagreement.SelectMany(layers => layers), d => Assert.Equal((0.0, 0.0, 0.0, 0.0), (d.JensenShannon, d.Top1FlipRate, d.TopKSetChange, d.OverlapMass)));
        }

        // Coherence as the bench computes it for arms without a grain: defined wherever an expert served tokens.
        var last = observed[^1].Observation.Layers[0];
        var reading = LayerCoherence.Measure(last.Counts, Doubles(last.ExpertOutputSums), Doubles(last.MixtureSums), Doubles(last.LeaveOneOutSums), last.Dimension);
        Assert.All(Enumerable.Range(0, last.ExpertCount), e => Assert.Equal(last.Counts[e] > 0, double.IsFinite(reading.PhiLeaveOneOut[e])));
    }

    [Fact]
    public async Task The_moecraft_arm_trains_against_dry_run_router_layer_grains()
    {
        var benchCase = new ToyBenchCase(ToyBenchArm.Moecraft, ToyBenchFault.Clean, Seed: 7);
        var model = benchCase.Model();
        var prefix = TestExperts.UniqueId("toybench-smoke");
        var router = Assert.IsType<RouterLayerBiasController>(await benchCase.CreateControllerAsync(model, fixture.Cluster.Client, prefix));
        var disagreements = new List<RoutingDisagreementReport?>();
        var controller = new ObservingController(router, (step, _) =>
        {
            disagreements.AddRange(router.LastObservations.Select(o => o.Disagreement));
            return ValueTask.CompletedTask;
        });
        using var trainer = new MoeTrainer(CharCorpus.LoadEmbedded(), model, benchCase.TrainerOptions(ShortRun));

        await trainer.TrainAsync(controller);

        Assert.Equal(Steps * model.Layers, disagreements.Count);
        Assert.All(disagreements, d => Assert.True(d is { Samples: > 0 }));
        for (var layer = 0; layer < model.Layers; layer++)
        {
            var grain = fixture.Cluster.Client.GetGrain<IRouterLayerGrain>($"{prefix}/layer{layer}");
            Assert.Equal(ToyBenchCase.MoecraftRouterSettings, await grain.GetSettings());
            Assert.Equal(Steps, (await grain.GetHealth()).Steps);
            Assert.Equal(router.LastObservations[layer].Bias.ToArray(), trainer.Model.MoeLayers[layer].SelectionBias);
        }
    }

    [Fact]
    public void Bimodal_known_answer_splits_the_bimodal_expert_and_not_the_unimodal_one()
    {
        // Expert 0's inputs come from two orthogonal clusters, expert 1's from one; small noise; mid-clock alpha as the grain.
        const int dimension = 16;
        var alpha = HalfLifeEma.Alpha(100);
        var random = new Random(42);
        var means = CosineTwoMeans.Create(slots: 8, dimension);
        for (var sample = 0; sample < 2000; sample++)
        {
            means.Observe(0, Cluster(sample % 2 == 0 ? 0 : 1), alpha);
            means.Observe(1, Cluster(2), alpha);
        }

        var bimodal = means.Bimodality(0);
        var unimodal = means.Bimodality(1);
        Assert.InRange(bimodal, 0.45, 0.5);    // S ~ 1/2 (orthogonal centroids), b ~ 1 (even split)
        Assert.InRange(unimodal, 0, 0.05);

        // Six healthy experts (phi_slow 0.8, equal load, distinct roles) in eight slots: two free slots for a split.
        var active = Enumerable.Range(0, 8).Select(e => e < 6).ToArray();
        var roles = new double[8 * 8];
        for (var e = 0; e < 8; e++) roles[e * 8 + e] = 1;
        var roster = new RosterSnapshot(
            active,
            [.. active.Select(a => a ? 0.8 : double.NaN)],
            [.. active.Select(a => a ? 0.8 : double.NaN)],
            [.. active.Select(a => a ? 1.0 / 6 : double.NaN)],
            [bimodal, unimodal, 0, 0, 0, 0, 0, 0],
            roles,
            RoleDimension: 8,
            [.. active.Select(a => a ? 10_000L : 0)],
            Steps: 300,
            SlowHalfLife: 1000);

        var decision = LifecycleCoordinator.Decide(roster, new FreeEnergyWeights(), new LifecycleRule());

        Assert.Equal(LifecycleEditKind.Split, decision.Chosen?.Kind);
        Assert.Equal([0, 6], decision.Chosen!.Slots);
        Assert.False(decision.Candidates.Single(c => c.Kind == LifecycleEditKind.Split && c.Slots[0] == 1).Eligible);
        Assert.DoesNotContain(decision.Candidates, c => c.Kind == LifecycleEditKind.Prune && c.Eligible);

        double[] Cluster(int axis) => [.. Enumerable.Range(0, dimension).Select(i => (i == axis ? 1.0 : 0.0) + 0.05 * (random.NextDouble() - 0.5))];
    }

    private static double[] Doubles(float[] values) => Array.ConvertAll(values, v => (double)v);
}

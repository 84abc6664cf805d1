using Moecraft.Routing;

namespace Moecraft.Tests.LlmGating;

/// <summary>The gate's recent predicted success per expert, as the experts page shows it.</summary>
public sealed class PredictionAveragesTests
{
    private static ExpertPrediction Predict(string expert, double success) => new(expert, Slot: 0, success, Uncertainty: 0.1);

    [Fact]
    public void The_first_gate_call_sets_an_experts_average_and_later_ones_move_it_by_the_weight()
    {
        var averages = new PredictionAverages(weight: 0.5);
        averages.Record([Predict("a", 0.8), Predict("b", 0.2)]);
        averages.Record([Predict("a", 0.4)]);

        var snapshot = averages.Snapshot();

        Assert.Equal(["a", "b"], snapshot.Select(p => p.ExpertId));
        Assert.Equal(0.6, snapshot[0].Mean, 12);
        Assert.Equal(2, snapshot[0].GateCalls);
        Assert.Equal(0.2, snapshot[1].Mean, 12);
        Assert.Equal(1, snapshot[1].GateCalls);
    }

    [Fact]
    public void Only_experts_the_gate_offered_are_listed()
    {
        var averages = new PredictionAverages();
        Assert.Empty(averages.Snapshot());

        averages.Record([Predict("offered", 0.7)]);

        Assert.Equal(["offered"], averages.Snapshot().Select(p => p.ExpertId));
    }
}

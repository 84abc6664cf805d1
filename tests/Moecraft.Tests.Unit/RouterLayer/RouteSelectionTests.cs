using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

public sealed class RouteSelectionTests
{
    private static RouterLayerState Roster(params string[] experts)
    {
        var state = new RouterLayerState();
        RouterEpochs.Configure(state, new RouterConfiguration(Width: experts.Length, InputDimension: 2, TopK: 2, Temperature: 1, Seed: 3), DateTimeOffset.UnixEpoch);
        foreach (var expert in experts) RouterRoster.Register(state, expert);
        return state;
    }

    [Fact]
    public void A_scarred_expert_is_not_selected_for_inputs_inside_its_region()
    {
        var state = Roster("a", "b", "c");
        state.Scars.Add(new RegionClaim(1, "a", [1, 0], 0.1));

        var decision = RouteSelection.Decide("r", state, [5, 1, 0], [1, 0], new double[3]);

        Assert.Equal(["b", "c"], decision.Selected.Select(e => e.ExpertId).Order());
        Assert.Equal(["a", "b"], RouteSelection.Decide("r", state, [5, 1, 0], [0, 1], new double[3]).Selected.Select(e => e.ExpertId).Order());
    }

    [Fact]
    public void An_input_every_expert_is_scarred_for_is_refused()
    {
        var state = Roster("a", "b");
        state.Scars.AddRange([new RegionClaim(1, "a", [1, 0], 0.1), new RegionClaim(2, "b", [1, 0], 0.1)]);

        var error = Assert.Throws<InvalidOperationException>(() => RouteSelection.Decide("r", state, [1, 2], [1, 0], new double[2]));
        Assert.Contains("scarred for this input (a, b)", error.Message);
    }

    [Fact]
    public void The_logit_spread_counts_active_slots_only()
    {
        Assert.Equal(1, RouteSelection.LogitStd([1, 3, 100], [true, true, false]), 9);
        Assert.Equal(0, RouteSelection.LogitStd([1, 3], [false, false]));
    }
}

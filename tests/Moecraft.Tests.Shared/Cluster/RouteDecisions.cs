using Moecraft.Routing;

namespace Moecraft.Tests.Cluster;

internal static class RouteDecisions
{
    /// <summary>The same experts in the same order with the same gates, as a router restored from storage decides.</summary>
    public static void AssertSame(RouteDecision expected, RouteDecision actual)
    {
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.Selected.Select(s => s.ExpertId), actual.Selected.Select(s => s.ExpertId));
        // Float32 sums may round differently between activations (thread scheduling inside TorchSharp).
        Assert.All(expected.Selected.Zip(actual.Selected), pair => Assert.Equal(pair.First.Gate, pair.Second.Gate, 1e-6));
    }
}

using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>A router layer: a fixed-width roster of expert slots with gating weights (key: router id).</summary>
[Alias("moecraft.IRouterLayerGrain")]
public interface IRouterLayerGrain : IGrainWithStringKey
{
    /// <summary>Creates the router with this shape; repeating the same shape is a no-op, a different one is rejected.</summary>
    [Alias("Configure")]
    Task<RouterSnapshot> Configure(RouterConfiguration configuration);

    /// <summary>The router's state; throws when it was never configured.</summary>
    [Alias("GetSnapshot")]
    Task<RouterSnapshot> GetSnapshot();

    /// <summary>Puts an expert on the roster (first free slot) or re-activates its slot; returns the slot.</summary>
    [Alias("RegisterExpert")]
    Task<int> RegisterExpert(string expertId);

    /// <summary>Masks an expert's slot out of routing; the slot and its weights are kept.</summary>
    [Alias("DeactivateExpert")]
    Task DeactivateExpert(string expertId);

    /// <summary>Routes one input vector of width <c>d</c>.</summary>
    [Alias("Route")]
    Task<RouteDecision> Route(ImmutableArray<float> input);
}

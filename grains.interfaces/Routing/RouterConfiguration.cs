namespace Moecraft.Routing;

/// <summary>Shape of a router layer: fixed slot count, input width, experts per unit and softmax temperature.</summary>
/// <param name="Width">Number of expert slots, <c>E_max</c>; fixed for the router's lifetime.</param>
/// <param name="InputDimension">Width <c>d</c> of the input vectors.</param>
/// <param name="TopK">Experts selected per unit of work.</param>
/// <param name="Temperature">Softmax temperature of the gates.</param>
/// <param name="Seed">Seed of the initial gating weights.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RouterConfiguration")]
public sealed record RouterConfiguration(int Width, int InputDimension, int TopK, double Temperature, int Seed)
{
    /// <summary>The default used by the seeded demo router and the LLM request path: 16 slots, d = 512, top-2.</summary>
    public static RouterConfiguration Default { get; } = new(Width: 16, InputDimension: 512, TopK: 2, Temperature: 1.0, Seed: 42);
}

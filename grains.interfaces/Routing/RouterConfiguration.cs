namespace Moecraft.Routing;

/// <summary>Shape of a router layer: fixed slot count, input width, experts per unit and softmax temperature.</summary>
/// <param name="Width">Number of expert slots, <c>E_max</c>; fixed for the router's lifetime.</param>
/// <param name="InputDimension">Width <c>d</c> of the input vectors.</param>
/// <param name="TopK">Experts selected per unit of work.</param>
/// <param name="Temperature">Softmax temperature of the gates.</param>
/// <param name="Seed">Seed of the initial gating weights.</param>
/// <param name="Embedder">
/// The embedder the router's inputs come from; its dimension is <paramref name="InputDimension"/>. Null when configuring:
/// the embedder of the silo that hosts the router when its dimension is <paramref name="InputDimension"/>, else none
/// recorded. A router with none recorded (made before embedders were recorded, or a neural layer whose inputs are hidden
/// states) is taken as the hashing embedder at its input dimension.
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.RouterConfiguration")]
public sealed record RouterConfiguration(
    int Width, int InputDimension, int TopK, double Temperature, int Seed, [property: Id(5)] EmbedderIdentity? Embedder = null)
{
    /// <summary>16 slots, d = 512 (the hashing embedder's width), top-2; the seeded router takes the silo's embedder's width and name instead.</summary>
    public static RouterConfiguration Default { get; } = new(Width: 16, InputDimension: 512, TopK: 2, Temperature: 1.0, Seed: 42);
}

namespace Moecraft.Routing;

/// <summary>Shape of a router layer: fixed slot count, input width, experts per unit and softmax temperature.</summary>
/// <param name="Width">Number of expert slots, <c>E_max</c>; fixed for the router's lifetime.</param>
/// <param name="InputDimension">
/// Width <c>d</c> of the input vectors; <see cref="EmbedderWidth"/> when configuring: the width of the named embedder, else of
/// the hosting silo's (recorded as the router's embedder).
/// </param>
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
    [Id(0)] int Width, [Id(1)] int InputDimension, [Id(2)] int TopK, [Id(3)] double Temperature, [Id(4)] int Seed, [property: Id(5)] EmbedderIdentity? Embedder = null)
{
    /// <summary>An input dimension that says "the embedder's width" when configuring; a configured router never has it.</summary>
    public const int EmbedderWidth = 0;

    /// <summary>16 slots, top-2, for the embedder of the silo that hosts the router (its width and name are recorded).</summary>
    public static RouterConfiguration Default { get; } = new(Width: 16, InputDimension: EmbedderWidth, TopK: 2, Temperature: 1.0, Seed: 42);
}

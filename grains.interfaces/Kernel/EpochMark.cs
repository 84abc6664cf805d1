namespace Moecraft.Kernel;

/// <summary>A router's epoch boundary as it tells its keepers (SPEC 5.3): the epoch that starts, at which router step, and why.</summary>
/// <param name="Reason">The roster or policy change that started it, in words.</param>
[GenerateSerializer, Immutable, Alias("moecraft.EpochMark")]
public sealed record EpochMark([Id(0)] int Epoch, [Id(1)] long RouterStep, [Id(2)] string Reason);

namespace Moecraft.Kernel;

/// <summary>A router's epoch boundary as it tells its keepers (SPEC 5.3): the epoch that starts, at which router step, and why.</summary>
/// <param name="Reason">The roster or policy change that started it, in words.</param>
[GenerateSerializer, Immutable, Alias("moecraft.EpochMark")]
public sealed record EpochMark(int Epoch, long RouterStep, string Reason);

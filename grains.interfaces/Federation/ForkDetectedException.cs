namespace Moecraft.Federation;

/// <summary>Two packets of one origin share a sequence but differ: the origin is forked and quarantined.</summary>
[GenerateSerializer, Alias("moecraft.ForkDetectedException")]
public sealed class ForkDetectedException(string message) : Exception(message);

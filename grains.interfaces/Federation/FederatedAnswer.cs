namespace Moecraft.Federation;

/// <summary>A cached answer a peer shared, as this node may serve it: who answered there, the text, and which packet carried it.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FederatedAnswer")]
public sealed record FederatedAnswer([Id(0)] string Expert, [Id(1)] string Text, [Id(2)] string PacketId, [Id(3)] string Origin, [Id(4)] double Similarity);

namespace Moecraft.Federation;

/// <summary>A cached answer a peer shared, as this node may serve it: who answered there, the text, and which packet carried it.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FederatedAnswer")]
public sealed record FederatedAnswer(string Expert, string Text, string PacketId, string Origin, double Similarity);

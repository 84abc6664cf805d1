namespace Moecraft.Federation;

/// <summary>A peer asked for something its tier (as this node assigned it) does not allow, or sent something that failed verification. Nothing changed.</summary>
[GenerateSerializer, Alias("moecraft.FederationRefusedException")]
public sealed class FederationRefusedException : Exception
{
    public FederationRefusedException(string message) : base(message) { }

    public FederationRefusedException(string message, Exception inner) : base(message, inner) { }
}

namespace Moecraft.Federation;

/// <summary>What a knowledge packet does to its key (SPEC 6). Signed as its lower-case name: never renumber.</summary>
[GenerateSerializer, Alias("moecraft.PacketKind")]
public enum PacketKind
{
    /// <summary>States the content for the key.</summary>
    Assert = 0,

    /// <summary>Withdraws what the packets it supersedes asserted.</summary>
    Retract = 1,

    /// <summary>Adds a remark to the key without changing its value.</summary>
    Annotate = 2,
}

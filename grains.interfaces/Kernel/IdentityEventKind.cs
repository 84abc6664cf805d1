namespace Moecraft.Kernel;

/// <summary>Identity events a keeper can commit (SPEC 5.3). Persisted: never renumber; epochs come next.</summary>
[GenerateSerializer, Alias("moecraft.IdentityEventKind")]
public enum IdentityEventKind
{
    /// <summary>"Never again": an expert masked in a region of input space (slow keeper).</summary>
    Scar = 0,

    /// <summary>"Always this": a region routed to one expert with high confidence becomes a fast path (fast keeper).</summary>
    Reflex = 1,
}

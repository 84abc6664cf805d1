namespace Moecraft.Kernel;

/// <summary>Identity events a keeper can commit (SPEC 5.3). Persisted: never renumber; reflexes and epochs come next.</summary>
[GenerateSerializer, Alias("moecraft.IdentityEventKind")]
public enum IdentityEventKind
{
    /// <summary>"Never again": an expert masked in a region of input space (slow keeper).</summary>
    Scar = 0,
}

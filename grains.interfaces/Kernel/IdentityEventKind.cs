namespace Moecraft.Kernel;

/// <summary>Identity events a keeper can commit (SPEC 5.2, 5.3). Persisted: never renumber.</summary>
[GenerateSerializer, Alias("moecraft.IdentityEventKind")]
public enum IdentityEventKind
{
    /// <summary>"Never again": an expert masked in a region of input space (slow keeper).</summary>
    Scar = 0,

    /// <summary>"Always this": a region routed to one expert with high confidence becomes a fast path (fast keeper).</summary>
    Reflex = 1,

    /// <summary>A roster or policy change (mid keeper): the keepers' clocks re-base and every later decision names the new epoch.</summary>
    Epoch = 2,

    /// <summary>Cancels an earlier scar or reflex of the same keeper (which stays on the log, superseded).</summary>
    Compensation = 3,
}

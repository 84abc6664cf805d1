namespace Moecraft.Governance;

/// <summary>How far the router layers may execute lifecycle edits on their own (SPEC 3.6, 7).</summary>
[GenerateSerializer, Alias("moecraft.LifecycleAutonomy")]
public enum LifecycleAutonomy
{
    /// <summary>Edits are only proposed; an operator applies them. The default.</summary>
    DryRun = 0,

    /// <summary>Prunes execute automatically; other edits are only proposed.</summary>
    ApplyPrune = 1,

    /// <summary>Any chosen edit executes automatically.</summary>
    ApplyAll = 2,
}

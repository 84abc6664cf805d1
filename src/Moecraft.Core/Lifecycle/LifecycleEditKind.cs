namespace Moecraft.Lifecycle;

/// <summary>The roster edits the lifecycle coordinator can propose (SPEC 3.6).</summary>
public enum LifecycleEditKind
{
    /// <summary>Retire one expert (active -&gt; cooling).</summary>
    Prune,

    /// <summary>Two experts with the same role: keep one, retire the other.</summary>
    Merge,

    /// <summary>A healthy expert serving two basins: add a second expert in a free slot.</summary>
    Split,

    /// <summary>A saturated, incoherent layer: add a fresh expert in a free slot.</summary>
    Spawn,
}

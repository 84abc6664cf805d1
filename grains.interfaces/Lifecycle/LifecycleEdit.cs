namespace Moecraft.Lifecycle;

/// <summary>The roster edits the lifecycle coordinator considers (SPEC 3.6).</summary>
[GenerateSerializer, Alias("moecraft.LifecycleEdit")]
public enum LifecycleEdit
{
    Prune = 0,
    Merge = 1,
    Split = 2,
    Spawn = 3,
}

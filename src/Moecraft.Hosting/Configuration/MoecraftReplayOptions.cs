namespace Moecraft.Hosting.Configuration;

/// <summary>
/// A replay dataset (BENCHMARKS 2 JSONL) for <c>Replay</c> experts (<c>Moecraft:Replay</c>): each replay expert answers as
/// the dataset's recorded expert named by its model did. Null: no dataset, and replay experts fail with a clear error.
/// </summary>
public sealed class MoecraftReplayOptions
{
    public string? DatasetPath { get; set; }
}

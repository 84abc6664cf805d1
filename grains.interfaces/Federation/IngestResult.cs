using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// What a node's knowledge sync grain did with a batch a peer sent (<see cref="IKnowledgeSyncGrain.Ingest"/>): stored what
/// it could (<paramref name="Report"/>), or nothing yet because packets of the batch depend on packets it does not hold
/// (<paramref name="MissingDependencies"/>, ids to fetch from the sender outside the grain's turn and send along).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.IngestResult")]
public sealed record IngestResult([Id(0)] SyncReport? Report, [Id(1)] ImmutableArray<string> MissingDependencies)
{
    public static IngestResult Stored(SyncReport report) => new(report, []);

    public static IngestResult Missing(ImmutableArray<string> ids) => new(null, ids);
}

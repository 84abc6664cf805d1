using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The outcome of moving a router to another embedder (an audited epoch boundary): what was re-initialised because it
/// lived in the old embedder's space, and what was kept.
/// </summary>
/// <param name="Migrated">False when the router already used <paramref name="To"/>: nothing changed.</param>
/// <param name="Epoch">The epoch the migration started (the router's current epoch when nothing changed).</param>
/// <param name="Reinitialised">What started afresh (gate weights, success predictor, centroids and coherence, scars, reflexes, cache entries).</param>
/// <param name="Kept">What carried over (counters).</param>
[GenerateSerializer, Immutable, Alias("moecraft.EmbedderMigrationReport")]
public sealed record EmbedderMigrationReport(
    [Id(0)] string RouterId, [Id(1)] EmbedderIdentity From, [Id(2)] EmbedderIdentity To, [Id(3)] bool Migrated, [Id(4)] int Epoch,
    [Id(5)] ImmutableArray<string> Reinitialised, [Id(6)] ImmutableArray<string> Kept, [Id(7)] string Actor);

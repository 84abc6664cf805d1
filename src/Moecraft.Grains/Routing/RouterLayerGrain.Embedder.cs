using Moecraft.Audit;
using Moecraft.Journal;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>The embedder a router's state was made with (SPEC 4.2), and moving it to another as an audited epoch boundary.</summary>
public sealed partial class RouterLayerGrain
{
    public Task<RouterEmbedder> GetEmbedder() =>
        Task.FromResult(EmbedderCompatibility.Of(RequireConfigured(), state.State.EmbedderEpoch));

    public async Task<EmbedderMigrationReport> MigrateEmbedder(EmbedderIdentity target, string actor)
    {
        var configuration = RequireConfigured();
        EmbedderIdentity.Validate(target, nameof(target));
        OperatorActions.ValidateActor(actor);
        if (state.State.Settings.Kind == RouterKind.NeuralLayer)
            throw new InvalidOperationException(
                $"Router '{RouterId}' is a neural MoE layer: its inputs are a model's hidden states, not prompt embeddings, so it has no embedder to migrate.");
        var from = EmbedderCompatibility.Of(configuration, state.State.EmbedderEpoch).Embedder;
        if (from == target)
            return new EmbedderMigrationReport(RouterId, from, target, Migrated: false, state.State.Epoch, [], [], actor);

        var next = state.State.Copy();
        EmbedderMigration.Apply(next, target);
        // The epoch CommitEpochAsync starts; a failed write leaves the router on its old embedder, nothing half-migrated.
        next.EmbedderEpoch = next.Epoch + 1;
        var reason = $"embedder migrated from {from} to {target} {OperatorActions.By(actor)}: what lived in the old embedder's space starts afresh, counters are kept";
        await CommitEpochAsync(next,
            reason.Length <= KeeperBook.MaxReasonLength ? reason : reason[..KeeperBook.MaxReasonLength],
            epoch => OperatorActions.EmbedderMigrated(RouterId, from, target, epoch, actor));
        LogEmbedderMigrated(logger, RouterId, from.ToString(), target.ToString(), actor, state.State.Epoch);
        await journalist.RecordAsync(JournalKinds.Kernel,
            $"Router '{RouterId}' moved from embedder {from} to {target} {OperatorActions.By(actor)}; epoch {state.State.Epoch}.");
        // The in-memory parts (the gate kernel, failure regions, the top-1 history) start afresh with the next activation.
        DeactivateOnIdle();
        return new EmbedderMigrationReport(
            RouterId, from, target, Migrated: true, state.State.Epoch, EmbedderMigration.Reinitialised, EmbedderMigration.Kept, actor);
    }

    /// <summary>This silo's embedder, learning an Ollama model's dimension if nobody asked yet; null when it cannot be learned now.</summary>
    private async Task<EmbedderIdentity?> SiloEmbedderAsync()
    {
        if (embedder.Identity is { } known) return known;
        try
        {
            return await embedder.GetIdentityAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEmbedderUnknown(logger, e, RouterId);
            return null;
        }
    }
}

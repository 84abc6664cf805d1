using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Schema;
using Orleans.Runtime;

namespace Moecraft.Hosting;

/// <summary>
/// Applies the project's own idempotent schema scripts before any Orleans provider touches the database,
/// so a fresh machine needs no manual database step.
/// </summary>
public sealed class SchemaBootstrap(MoecraftStorageOptions storage) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaBootstrap), ServiceLifecycleStage.First,
            ct => DatabaseSchema.EnsureCreatedAsync(storage.Provider, storage.ResolveConnectionString(), ct));
}

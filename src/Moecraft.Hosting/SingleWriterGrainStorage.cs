using Moecraft.Hosting.Schema;
using Orleans.Runtime;
using Orleans.Storage;

namespace Moecraft.Hosting;

/// <summary>
/// Grain-state writes to a SQLite file go through the silo's <see cref="DatabaseWriteGate"/>, which the ledger shares:
/// SQLite has one writer, and queued, each write waits only for the one before it. Reads are not queued: in WAL mode
/// they never wait for the writer.
/// </summary>
public sealed class SingleWriterGrainStorage(IGrainStorage inner, DatabaseWriteGate gate) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The wrapped provider initialises itself (reads its queries) in the silo lifecycle.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

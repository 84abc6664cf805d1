using Orleans.Runtime;
using Orleans.Storage;

namespace Moecraft.Hosting;

/// <summary>
/// Queues grain-state writes to a SQLite file inside the silo. SQLite has one writer at a time, and Microsoft.Data.Sqlite
/// answers a busy database by sleeping 150 ms before it retries, so two grains writing at once (two router layers after
/// a training step) would stall each other; queued, each write waits only for the one before it. Reads are not queued:
/// in WAL mode they never wait for the writer.
/// </summary>
public sealed class SingleWriterGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The wrapped provider initialises itself (reads its queries) in the silo lifecycle.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task OneAtATimeAsync(Func<Task> write)
    {
        await _writer.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _writer.Release();
        }
    }
}

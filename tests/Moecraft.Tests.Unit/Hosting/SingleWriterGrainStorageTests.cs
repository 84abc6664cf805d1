using Moecraft.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Moecraft.Tests.Hosting;

public sealed class SingleWriterGrainStorageTests
{
    [Fact]
    public async Task Writes_and_clears_run_one_at_a_time_and_reads_pass_through()
    {
        var inner = new RecordingStorage();
        var storage = new SingleWriterGrainStorage(inner, new Moecraft.Hosting.Schema.DatabaseWriteGate(StorageProvider.Sqlite));
        var state = new GrainState<int>();
        var grain = GrainId.Create("test", "g");

        var writes = Enumerable.Range(0, 20)
            .Select(i => i % 2 == 0 ? storage.WriteStateAsync("s", grain, state) : storage.ClearStateAsync("s", grain, state))
            .ToList();
        await storage.ReadStateAsync("s", grain, state);
        await Task.WhenAll(writes);

        Assert.Equal(20, inner.Writes);
        Assert.Equal(1, inner.MaxConcurrentWrites);
        Assert.Equal(1, inner.Reads);
    }

    /// <summary>An in-memory storage that records how many writes overlap; each write yields so overlaps can happen.</summary>
    private sealed class RecordingStorage : IGrainStorage
    {
        private int _active;

        public int Writes { get; private set; }

        public int Reads { get; private set; }

        public int MaxConcurrentWrites { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RecordAsync();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RecordAsync();

        private async Task RecordAsync()
        {
            var active = Interlocked.Increment(ref _active);
            MaxConcurrentWrites = Math.Max(MaxConcurrentWrites, active);
            await Task.Delay(2);
            Writes++;
            Interlocked.Decrement(ref _active);
        }
    }
}

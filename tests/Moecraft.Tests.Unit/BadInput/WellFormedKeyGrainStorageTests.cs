using Moecraft.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Moecraft.Tests.BadInput;

/// <summary>The storage guard: a grain key with a control character never reaches the database; well-formed keys pass through.</summary>
public sealed class WellFormedKeyGrainStorageTests
{
    [Fact]
    public async Task A_key_with_a_control_character_is_refused_before_the_inner_storage_is_called()
    {
        var inner = new CountingStorage();
        var storage = new WellFormedKeyGrainStorage(inner);
        var state = new GrainState<int>();
        var bad = GrainId.Create("tenant", "t\0x");

        var read = await Assert.ThrowsAsync<ArgumentException>(() => storage.ReadStateAsync("s", bad, state));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateAsync("s", bad, state));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.ClearStateAsync("s", bad, state));

        Assert.Contains("t\\u0000x", read.Message);
        Assert.Equal(0, inner.Calls);
        var good = GrainId.Create("tenant", "t\uFFFDx");
        await storage.ReadStateAsync("s", good, state);
        await storage.WriteStateAsync("s", good, state);
        await storage.ClearStateAsync("s", good, state);
        Assert.Equal(3, inner.Calls);
    }

    private sealed class CountingStorage : IGrainStorage
    {
        public int Calls { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Count();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Count();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Count();

        private Task Count()
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}

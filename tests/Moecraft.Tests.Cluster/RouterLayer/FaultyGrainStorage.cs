using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Moecraft.Tests.RouterLayer;

/// <summary>
/// The silo's grain storage with writes of one grain's state failing on demand (as a database that went away would):
/// how a test shows what a failed write leaves behind. Reads and other grains' writes pass through.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, FaultyGrainStorage.Switch faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Shared by every silo of an in-process cluster: the state whose writes fail, or null.</summary>
    public sealed class Switch
    {
        private volatile Failing? _failing;

        public void FailWrites(string stateName, string key) => _failing = new(stateName, key);

        public void Heal() => _failing = null;

        public bool Fails(string stateName, GrainId grainId) =>
            _failing is { } failing && failing.StateName == stateName && grainId.Key.ToString() == failing.Key;

        private sealed record Failing(string StateName, string Key);
    }

    /// <summary>Wraps the storage <see cref="Hosting.SiloBuilderExtensions.AddMoecraft"/> registered; call after it.</summary>
    public static void Install(ISiloBuilder silo, Switch faults)
    {
        var registered = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, MoecraftStorage.Name));
        var factory = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException("The grain storage is expected to be registered by a keyed factory.");
        silo.Services.AddKeyedSingleton<IGrainStorage>(MoecraftStorage.Name, (services, key) =>
            new FaultyGrainStorage((IGrainStorage)factory(services, key), faults));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.Fails(stateName, grainId)
            ? throw new IOException($"injected: the write of {grainId}'s {stateName} state failed")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

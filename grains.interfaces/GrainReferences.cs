using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Moecraft;

/// <summary>
/// Grain references made once per grain factory, interface and key. Orleans' <c>GetGrain</c> resolves the interface's
/// grain type through reflection on every call, which the request path (six or more references a request) paid for
/// each time; a reference is immutable, so the first one serves every later call.
/// </summary>
public static class GrainReferences
{
    /// <summary>References kept per factory; past this the cache starts afresh (keys are tenants, experts, routers).</summary>
    public const int Capacity = 16_384;

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<(Type Interface, string Key), IAddressable>> _byFactory = new();

    /// <summary>The reference <c>GetGrain&lt;TGrain&gt;(key)</c> returns, made once; its errors for a bad key are GetGrain's.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(key);
        var references = _byFactory.GetValue(grains, static _ => new ConcurrentDictionary<(Type, string), IAddressable>());
        if (references.TryGetValue((typeof(TGrain), key), out var known)) return (TGrain)known;
        var made = grains.GetGrain<TGrain>(key);
        if (references.Count >= Capacity) references.Clear();
        references.TryAdd((typeof(TGrain), key), made);
        return made;
    }
}

using System.Collections.Concurrent;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// Fault injection for the degradation tests: while a grain interface is cut off, calls into its grains fail the way a
/// call to an unreachable silo does (a timeout), before the grain runs. Installed as an incoming call filter on every silo.
/// </summary>
public sealed class CallPartition : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Type, bool> _cut = new();

    public void Cut<TGrainInterface>() => _cut[typeof(TGrainInterface)] = true;

    public void Heal() => _cut.Clear();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType is { } type && _cut.ContainsKey(type))
            throw new TimeoutException($"Response did not arrive on time: {type.Name}.{context.InterfaceMethod.Name} is cut off by the test's partition.");
        return context.Invoke();
    }
}

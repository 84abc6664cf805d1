using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// Stops a sync at a point the test chooses: armed for a node, that node's peer grain serves the given number of pulls
/// and holds the next one before it runs, for good (the test kills that node's silo while it holds; later pulls pass). A
/// puller asks for the next batch while it stores the last one it got, and stores that one before it goes on, so a sync
/// held at pull n + 1 ends (failing) with exactly n batches stored. Installed as an incoming call filter on every silo;
/// unarmed, it lets every call through.
/// </summary>
public sealed class PullGate : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _node;
    private int _pullsLeft;

    /// <summary>Completes when the gate holds a pull.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Lets <paramref name="node"/> serve <paramref name="pulls"/> pulls, then holds the next.</summary>
    public void HoldAfter(string node, int pulls)
    {
        Volatile.Write(ref _pullsLeft, pulls);
        Volatile.Write(ref _node, node);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IFederationPeerGrain)
            && context.InterfaceMethod.Name == nameof(IFederationPeerGrain.Pull)
            && context.TargetId.Key.ToString() == Volatile.Read(ref _node)
            && Interlocked.Decrement(ref _pullsLeft) == -1)
        {
            _holding.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        }
        await context.Invoke();
    }
}

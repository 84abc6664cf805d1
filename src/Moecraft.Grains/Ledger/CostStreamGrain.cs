using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Moecraft.Ledger;

/// <summary>
/// One tenant's live cost stream: holds its subscribers in memory (each expires unless renewed) and hands every published
/// event to them without waiting. An event of another tenant than the key is dropped, so a subscriber only ever sees its own.
/// </summary>
[GrainType("cost-stream"), Reentrant]
public sealed partial class CostStreamGrain : Grain, ICostStreamGrain
{
    private readonly ObserverManager<ICostStreamObserver> _subscribers;
    private readonly ILogger<CostStreamGrain> _logger;

    public CostStreamGrain(ILogger<CostStreamGrain> logger)
    {
        _logger = logger;
        _subscribers = new ObserverManager<ICostStreamObserver>(CostStreams.SubscriptionLifetime, logger);
    }

    public Task Publish(CostEvent cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var tenant = this.GetPrimaryKeyString();
        if (!string.Equals(cost.TenantId, tenant, StringComparison.Ordinal))
        {
            LogForeignEvent(_logger, tenant, cost.TenantId, cost.RequestId);
            return Task.CompletedTask;
        }
        // One-way observer calls: a slow or vanished subscriber never holds up the publisher; a failed one is dropped.
        _subscribers.Notify(subscriber => subscriber.OnCost(cost));
        return Task.CompletedTask;
    }

    public Task Subscribe(ICostStreamObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscribers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ICostStreamObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscribers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}

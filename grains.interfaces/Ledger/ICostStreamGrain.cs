using Orleans.Concurrency;

namespace Moecraft.Ledger;

/// <summary>
/// The live cost stream of one tenant (key: tenant id). The chat router publishes every settled request to its tenant's
/// stream, fire-and-forget, on whichever silo it ran; the HTTP API of any silo subscribes an observer for a client of that
/// tenant (<c>GET /moecraft/stream/cost</c>). Nothing is stored: a subscriber sees the events published while it is
/// subscribed. Subscriptions expire unless renewed (<see cref="CostStreams"/>), so a vanished subscriber costs
/// nothing for long.
/// </summary>
[Alias("moecraft.ICostStreamGrain")]
public interface ICostStreamGrain : IGrainWithStringKey
{
    /// <summary>Hands <paramref name="cost"/> to every current subscriber; never waits for them and never fails the caller.</summary>
    /// <remarks>The chat router calls it after settling: <c>GrainFactory.GetGrain&lt;ICostStreamGrain&gt;(tenant).Publish(CostEvent.From(line)).Ignore()</c>.</remarks>
    [OneWay, Alias("Publish")]
    Task Publish(CostEvent cost);

    /// <summary>Subscribes <paramref name="observer"/> (or renews its subscription) for <see cref="CostStreams.SubscriptionLifetime"/>.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ICostStreamObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ICostStreamObserver observer);
}

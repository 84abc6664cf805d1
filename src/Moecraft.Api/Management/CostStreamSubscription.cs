using System.Threading.Channels;
using Moecraft.Ledger;

namespace Moecraft.Api.Management;

/// <summary>
/// One HTTP client's subscription to its tenant's live cost stream: an Orleans observer on this silo, subscribed to the
/// tenant's <see cref="ICostStreamGrain"/> wherever that grain lives, buffering events for the response writer. The
/// caller renews it every <see cref="CostStreams.RenewEvery"/> and disposes it when the client leaves.
/// </summary>
public sealed class CostStreamSubscription : ICostStreamObserver, IAsyncDisposable
{
    /// <summary>Events buffered for a slow client; beyond this the oldest are dropped rather than holding memory.</summary>
    public const int Buffer = 1024;

    private readonly Channel<CostEvent> _events = Channel.CreateBounded<CostEvent>(
        new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly ICostStreamGrain _stream;
    private ICostStreamObserver? _reference;

    private CostStreamSubscription(IGrainFactory grains, string tenant)
    {
        _grains = grains;
        Tenant = tenant;
        _stream = grains.GetGrain<ICostStreamGrain>(tenant);
    }

    public string Tenant { get; }

    public ChannelReader<CostEvent> Events => _events.Reader;

    /// <summary>Subscribes to <paramref name="tenant"/>'s stream; events published from then on arrive in <see cref="Events"/>.</summary>
    public static async Task<CostStreamSubscription> StartAsync(IGrainFactory grains, string tenant)
    {
        var subscription = new CostStreamSubscription(grains, tenant);
        // Orleans holds the object weakly: the caller keeps the subscription alive for as long as it streams.
        subscription._reference = grains.CreateObjectReference<ICostStreamObserver>(subscription);
        try
        {
            await subscription.RenewAsync();
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
        return subscription;
    }

    /// <summary>Renews the subscription (and re-creates it on a stream grain that was restarted meanwhile).</summary>
    public Task RenewAsync() => _stream.Subscribe(_reference ?? throw new ObjectDisposedException(nameof(CostStreamSubscription)));

    public Task OnCost(CostEvent cost)
    {
        // The grain already filters by its key; checked again so no other tenant's event can ever reach this client.
        if (cost is not null && string.Equals(cost.TenantId, Tenant, StringComparison.Ordinal)) _events.Writer.TryWrite(cost);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reference is not { } reference) return;
        _reference = null;
        _events.Writer.TryComplete();
        try
        {
            await _stream.Unsubscribe(reference);
        }
        catch (Exception)
        {
            // The subscription expires on its own; a client leaving never fails for it.
        }
        _grains.DeleteObjectReference<ICostStreamObserver>(reference);
    }
}

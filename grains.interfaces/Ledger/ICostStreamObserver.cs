using Orleans.Concurrency;

namespace Moecraft.Ledger;

/// <summary>A subscriber of a tenant's live cost stream (an object on the silo that serves the HTTP client).</summary>
[Alias("moecraft.ICostStreamObserver")]
public interface ICostStreamObserver : IGrainObserver
{
    [OneWay, Alias("OnCost")]
    Task OnCost(CostEvent cost);
}

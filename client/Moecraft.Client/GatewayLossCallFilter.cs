namespace Moecraft.Client;

/// <summary>
/// Fails a call as soon as the gateway it was sent through is lost, with <see cref="SiloUnavailableException"/> (its inner
/// exception a <see cref="GatewayLostException"/>), instead of after the whole response timeout: the answer can no longer
/// arrive. Whether the cluster acted on the call is unknown, as with any call to a silo that died; a call that is safe to
/// repeat can be sent again, and goes through another gateway.
/// </summary>
public sealed class GatewayLossCallFilter(GatewayAffinity affinity) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var gatewayLost = affinity.CurrentLost;
        var call = context.Invoke();
        try
        {
            await call.WaitAsync(gatewayLost);
        }
        catch (OperationCanceledException) when (gatewayLost.IsCancellationRequested && !call.IsCompleted)
        {
            // The abandoned call still ends at its response timeout; observe that ending so it is not reported as unobserved.
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var lost = new GatewayLostException(
                $"The gateway that carried {context.InterfaceName}.{context.MethodName} was lost before the answer came back; " +
                "whether the cluster acted on the call is unknown. A call that is safe to repeat can be sent again (it goes through another gateway).");
            throw new SiloUnavailableException(lost.Message, lost);
        }
        catch (OperationCanceledException) when (gatewayLost.IsCancellationRequested)
        {
            // The answer won the race with the loss: it stands.
            await call;
        }
    }
}

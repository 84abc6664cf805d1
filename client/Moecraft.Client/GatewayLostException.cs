namespace Moecraft.Client;

/// <summary>
/// Why a call failed with <see cref="SiloUnavailableException"/> on this side: the gateway that carried it was lost (its
/// connection dropped, or it left the cluster) before the answer came back. Whether the cluster acted on the call is
/// unknown; a call that is safe to repeat (a read, an ask with the same request id) can be sent again, and goes through
/// another gateway (<see cref="FailoverRetry"/> does so).
/// </summary>
public sealed class GatewayLostException(string message) : Exception(message);

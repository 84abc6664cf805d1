namespace Moecraft.Experts;

/// <summary>
/// The response timeout of the grain calls that wait for a model (an expert's answer, an ask, a federated query): far
/// longer than the cluster's default for every other call, since a model may legitimately take minutes, and the expert's
/// own call policy (<see cref="ExpertCallPolicy.TotalTimeout"/>, 2 minutes by default) decides when to give up. Failover
/// does not wait for it: a call to a silo that dies fails when that silo is declared dead, and a client's call as soon as
/// its gateway is lost. Streamed answers need no such limit: each of their waits is answered within half the default.
/// </summary>
public static class ModelCalls
{
    /// <summary>Ten minutes, as <see cref="ResponseTimeoutAttribute"/> takes it.</summary>
    public const string ResponseTimeout = "00:10:00";
}

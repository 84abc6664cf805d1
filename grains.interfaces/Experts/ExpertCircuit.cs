namespace Moecraft.Experts;

/// <summary>An expert's circuit breaker as the silo hosting it sees it (closed: calls pass; open: refused; half-open: one probe).</summary>
[GenerateSerializer, Alias("moecraft.ExpertCircuit")]
public enum ExpertCircuit
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

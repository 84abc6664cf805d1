using Orleans.Runtime;

namespace Moecraft.Kernel;

/// <summary>Which call failures mean "could not reach" (SPEC 5.2 degradation) rather than "the evidence is wrong".</summary>
public static class KernelReach
{
    public static bool IsUnreachable(Exception error) =>
        error is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;
}

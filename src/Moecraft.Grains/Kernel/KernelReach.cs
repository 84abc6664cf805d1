using Orleans.Runtime;

namespace Moecraft.Kernel;

/// <summary>Which call failures mean "could not reach" (SPEC 5.2 degradation) rather than "the evidence is wrong".</summary>
public static class KernelReach
{
    public static bool IsUnreachable(Exception error) =>
        error is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>
    /// Makes a call for <paramref name="keeper"/>'s evidence; a call that cannot get through refuses the write
    /// (<see cref="KernelUnavailableException"/>), after <paramref name="unreachable"/> is told: unreachable is never taken
    /// as "the evidence failed".
    /// </summary>
    public static async Task<T> ReachAsync<T>(string keeper, string what, Func<Task<T>> call, Action<Exception, string> unreachable)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            unreachable(e, what);
            throw new KernelUnavailableException(keeper, what, e.Message);
        }
    }
}

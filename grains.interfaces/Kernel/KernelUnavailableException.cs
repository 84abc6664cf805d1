namespace Moecraft.Kernel;

/// <summary>
/// The degradation of SPEC 5.2: a keeper could not reach the router or an expert to check evidence, so it refuses the
/// identity write (nothing changed; try again later). Routers keep serving with their last known constraints meanwhile.
/// </summary>
[GenerateSerializer, Alias("moecraft.KernelUnavailableException")]
public sealed class KernelUnavailableException : Exception
{
    public KernelUnavailableException(string keeper, string unreachable, string detail)
        : base($"Still here, cannot reach experts: keeper '{keeper}' could not reach {unreachable} ({detail}). Identity writes are refused until it can; nothing changed.")
    {
        Keeper = keeper;
        Unreachable = unreachable;
    }

    [Id(0)] public string Keeper { get; }

    [Id(1)] public string Unreachable { get; }
}

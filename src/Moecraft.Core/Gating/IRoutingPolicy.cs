namespace Moecraft.Gating;

/// <summary>Chooses one expert for a request from the options the gate predicted (SPEC 4.4).</summary>
public interface IRoutingPolicy
{
    /// <exception cref="ArgumentException">No options, a repeated id or a value out of range.</exception>
    ExpertOption Choose(IReadOnlyList<ExpertOption> options);
}

namespace Moecraft.Gating;

/// <summary>Always the same expert (a pinned tenant, the always-premium baseline); it must be among the options.</summary>
public sealed class FixedExpertPolicy : IRoutingPolicy
{
    /// <exception cref="ArgumentException">A blank expert id.</exception>
    public FixedExpertPolicy(string expertId)
    {
        if (string.IsNullOrWhiteSpace(expertId)) throw new ArgumentException("The fixed expert id must not be blank.", nameof(expertId));
        ExpertId = expertId;
    }

    public string ExpertId { get; }

    public ExpertOption Choose(IReadOnlyList<ExpertOption> options)
    {
        ExpertOptions.Validate(options, nameof(options));
        return options.FirstOrDefault(o => o.ExpertId == ExpertId)
            ?? throw new ArgumentException($"The fixed expert '{ExpertId}' is not among the options.", nameof(options));
    }
}

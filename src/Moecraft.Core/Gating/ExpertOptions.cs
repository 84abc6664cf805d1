namespace Moecraft.Gating;

/// <summary>Validation and ordering shared by the routing policies.</summary>
internal static class ExpertOptions
{
    /// <exception cref="ArgumentException">No options, a blank or repeated id, or a value out of range.</exception>
    public static void Validate(IReadOnlyList<ExpertOption> options, string parameter)
    {
        ArgumentNullException.ThrowIfNull(options, parameter);
        if (options.Count == 0) throw new ArgumentException("There are no experts to choose from.", parameter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option is null) throw new ArgumentException("An expert option is null.", parameter);
            if (string.IsNullOrWhiteSpace(option.ExpertId)) throw new ArgumentException("An expert id is blank.", parameter);
            if (!seen.Add(option.ExpertId)) throw new ArgumentException($"Expert '{option.ExpertId}' appears twice.", parameter);
            if (!(option.CostPerCall >= 0) || double.IsInfinity(option.CostPerCall))
                throw new ArgumentException($"Expert '{option.ExpertId}' has cost {option.CostPerCall}; it must be a non-negative finite number.", parameter);
            if (!(option.SuccessMean >= 0 && option.SuccessMean <= 1))
                throw new ArgumentException($"Expert '{option.ExpertId}' has predicted success {option.SuccessMean}; it must be in [0, 1].", parameter);
            if (!(option.Uncertainty >= 0) || double.IsInfinity(option.Uncertainty))
                throw new ArgumentException($"Expert '{option.ExpertId}' has uncertainty {option.Uncertainty}; it must be a non-negative finite number.", parameter);
        }
    }

    /// <summary>Cheapest first; equal costs put the higher predicted success first, then the id, so the order is total.</summary>
    public static ExpertOption[] ByCost(IReadOnlyList<ExpertOption> options) =>
        [.. options.OrderBy(o => o.CostPerCall).ThenByDescending(o => o.SuccessMean).ThenBy(o => o.ExpertId, StringComparer.Ordinal)];

    /// <summary>The highest predicted success; ties go to the cheaper expert, then the id.</summary>
    public static ExpertOption MostLikelyToSucceed(IReadOnlyList<ExpertOption> options) =>
        options.OrderByDescending(o => o.SuccessMean).ThenBy(o => o.CostPerCall).ThenBy(o => o.ExpertId, StringComparer.Ordinal).First();

    public static void ValidateTarget(double qualityTarget, string parameter)
    {
        if (!(qualityTarget >= 0 && qualityTarget <= 1))
            throw new ArgumentException($"The quality target must be in [0, 1], got {qualityTarget}.", parameter);
    }
}

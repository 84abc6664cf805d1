namespace Moecraft.Gating;

/// <summary>
/// A cascade (SPEC 4.4): the experts are stages, cheapest first, and the most expensive is the last resort.
/// <para>
/// Confidence rule: a stage is <em>confident</em> when its predicted success reaches the quality target <b>and</b> its
/// uncertainty is at most <see cref="MaxUncertainty"/>. The gate cannot vouch for an expert it knows little about, however
/// good the mean looks, so an uncertain stage escalates rather than gambles. Before the call the cascade starts at the first
/// confident stage. After a call, an answer judged below the target (a verifier's or consensus score in [0, 1]) escalates
/// to the next confident stage, or to the last stage when none of the later ones is confident.
/// </para>
/// </summary>
public sealed class CascadePolicy : IRoutingPolicy
{
    /// <exception cref="ArgumentException">A target outside [0, 1] or a negative or non-finite uncertainty limit.</exception>
    public CascadePolicy(double qualityTarget, double maxUncertainty)
    {
        ExpertOptions.ValidateTarget(qualityTarget, nameof(qualityTarget));
        if (!(maxUncertainty >= 0) || double.IsInfinity(maxUncertainty))
            throw new ArgumentException($"The uncertainty limit must be a non-negative finite number, got {maxUncertainty}.", nameof(maxUncertainty));
        QualityTarget = qualityTarget;
        MaxUncertainty = maxUncertainty;
    }

    public double QualityTarget { get; }

    public double MaxUncertainty { get; }

    /// <summary>The stages in the order the cascade tries them: cheapest first.</summary>
    public IReadOnlyList<ExpertOption> Stages(IReadOnlyList<ExpertOption> options)
    {
        ExpertOptions.Validate(options, nameof(options));
        return ExpertOptions.ByCost(options);
    }

    public bool IsConfident(ExpertOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.SuccessMean >= QualityTarget && option.Uncertainty <= MaxUncertainty;
    }

    /// <summary>The first confident stage, or the last stage when none is.</summary>
    public ExpertOption Choose(IReadOnlyList<ExpertOption> options) => FirstConfidentFrom(Stages(options), 0);

    /// <summary>
    /// After <paramref name="currentExpertId"/> answered with the judged <paramref name="answerScore"/>: the stage to escalate
    /// to, or null when the answer meets the target or the current stage is already the last.
    /// </summary>
    /// <exception cref="ArgumentException">Bad options, an expert not among them, or a score outside [0, 1].</exception>
    public ExpertOption? Escalate(IReadOnlyList<ExpertOption> options, string currentExpertId, double answerScore)
    {
        var stages = Stages(options);
        ArgumentNullException.ThrowIfNull(currentExpertId);
        var current = Array.FindIndex(stages.ToArray(), s => s.ExpertId == currentExpertId);
        if (current < 0) throw new ArgumentException($"Expert '{currentExpertId}' is not among the options.", nameof(currentExpertId));
        if (!(answerScore >= 0 && answerScore <= 1))
            throw new ArgumentException($"An answer score must be in [0, 1], got {answerScore}.", nameof(answerScore));

        if (answerScore >= QualityTarget || current == stages.Count - 1) return null;
        return FirstConfidentFrom(stages, current + 1);
    }

    private ExpertOption FirstConfidentFrom(IReadOnlyList<ExpertOption> stages, int start)
    {
        for (var i = start; i < stages.Count; i++)
        {
            if (IsConfident(stages[i])) return stages[i];
        }
        return stages[^1];
    }
}

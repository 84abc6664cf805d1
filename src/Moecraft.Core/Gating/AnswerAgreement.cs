namespace Moecraft.Gating;

/// <summary>
/// The consistency check of a cascade's first stage (issue 14): the stage answers the same prompt more than once (the
/// request as sent, then samples drawn at a sampling temperature) and the final answers (<see cref="FinalAnswer"/>) are
/// compared. A model that reaches different results on two tries is unsure of either, which is why self-consistency is a
/// strong signal on reasoning tasks where a single answer's wording says little; agreement says the answer is stable, not
/// that it is right, so it leaves the verdict to the learned acceptability.
/// </summary>
public static class AnswerAgreement
{
    /// <exception cref="ArgumentException">No answers, or a null one.</exception>
    public static SampleAgreement Of(IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0) throw new ArgumentException("At least one answer is needed.", nameof(answers));
        if (answers.Any(a => a is null)) throw new ArgumentException("An answer must not be null.", nameof(answers));
        var finals = answers.Select(FinalAnswer.Of).OfType<string>().ToArray();
        if (finals.Length < 2) return SampleAgreement.Unknown;
        return finals.Distinct(StringComparer.Ordinal).Count() == 1 ? SampleAgreement.Agree : SampleAgreement.Disagree;
    }

    /// <summary>
    /// The score a cascade judges the first stage's answer by: 0 when its samples disagree (the cascade escalates whatever
    /// the target above 0), else the learned <paramref name="acceptability"/>, or null when there is none (the answer stands).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An acceptability outside [0, 1].</exception>
    public static double? Judged(double? acceptability, SampleAgreement agreement)
    {
        if (acceptability is { } a && !(a >= 0 && a <= 1)) throw new ArgumentOutOfRangeException(nameof(acceptability), acceptability, "An acceptability must be in [0, 1].");
        return agreement == SampleAgreement.Disagree ? 0 : acceptability;
    }
}

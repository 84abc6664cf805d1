namespace Moecraft.Experts;

/// <summary>The allowed lifecycle moves (SPEC 3.6): active -> cooling -> archived, cooling -> active, and restore archived -> active.</summary>
public static class ExpertLifecycle
{
    public static bool CanMove(ExpertStatus from, ExpertStatus to) => (from, to) switch
    {
        _ when from == to => true,
        (ExpertStatus.Active, ExpertStatus.Cooling) => true,
        (ExpertStatus.Cooling, ExpertStatus.Archived) => true,
        (ExpertStatus.Cooling, ExpertStatus.Active) => true,
        (ExpertStatus.Archived, ExpertStatus.Active) => true,
        _ => false,
    };

    /// <summary>Only active and cooling experts answer; cooling ones are still observed.</summary>
    public static bool Answers(ExpertStatus status) => status is ExpertStatus.Active or ExpertStatus.Cooling;
}

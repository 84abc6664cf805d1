namespace Moecraft.Ledger;

/// <summary>How a routed request ended.</summary>
[GenerateSerializer, Alias("moecraft.LedgerOutcome")]
public enum LedgerOutcome
{
    /// <summary>An expert (or the surrogate cache) answered.</summary>
    Answered = 0,

    /// <summary>Every chosen expert failed; nothing was charged to the tenant.</summary>
    Failed = 1,

    /// <summary>Admission refused the request (budget, rate limit, halt, validation).</summary>
    Rejected = 2,
}

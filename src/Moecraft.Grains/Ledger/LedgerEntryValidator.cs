using Moecraft.Tenants;

namespace Moecraft.Ledger;

/// <summary>Checks a ledger entry before it is queued; the message names the bad field.</summary>
public static class LedgerEntryValidator
{
    public const int MaxIdLength = 200;

    public const int MaxExperts = 64;

    /// <summary>The largest cost one line may carry; keeps sums of a tenant's lines far inside the table's 64-bit 1e-9 units.</summary>
    public const decimal MaxCost = 1_000_000m;

    public static LedgerEntry Validate(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TenantIds.Validate(entry.TenantId, nameof(entry));
        RequireId(entry.RequestId, "request id");
        RequireId(entry.RouterId, "router id");
        if (entry.Policy is null || entry.Policy.Length > MaxIdLength) throw new ArgumentException($"The policy must be present and at most {MaxIdLength} characters.", nameof(entry));
        if (entry.Epoch < 0) throw new ArgumentException("The epoch must not be negative.", nameof(entry));
        if (entry.Experts.IsDefault || entry.Scores.IsDefault) throw new ArgumentException("Experts and scores must be lists (they may be empty).", nameof(entry));
        if (entry.Experts.Length != entry.Scores.Length)
            throw new ArgumentException($"{entry.Experts.Length} experts but {entry.Scores.Length} scores; each chosen expert has one score.", nameof(entry));
        if (entry.Experts.Length > MaxExperts) throw new ArgumentException($"At most {MaxExperts} experts per decision.", nameof(entry));
        if (entry.Experts.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("Expert ids must not be empty.", nameof(entry));
        if (entry.Scores.Any(s => !double.IsFinite(s))) throw new ArgumentException("Scores must be finite numbers.", nameof(entry));
        if (!(entry.Confidence is >= 0 and <= 1)) throw new ArgumentException($"The confidence must be within [0, 1]; got {entry.Confidence}.", nameof(entry));
        if (entry.InputTokens < 0 || entry.OutputTokens < 0) throw new ArgumentException("Token counts must not be negative.", nameof(entry));
        if (entry.Cost is < 0 or > MaxCost || entry.BaselineCost is < 0 or > MaxCost)
            throw new ArgumentException($"Costs must be within [0, {MaxCost}].", nameof(entry));
        if (entry.LatencyMs < 0) throw new ArgumentException("The latency must not be negative.", nameof(entry));
        if (!Enum.IsDefined(entry.Outcome)) throw new ArgumentException($"Unknown outcome '{entry.Outcome}'.", nameof(entry));
        return entry;
    }

    /// <summary>A settlement: a valid line, an answer of the same tenant and request, at least one of the two.</summary>
    public static Settlement Validate(Settlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        if (settlement.Line is null && settlement.Answer is null) throw new ArgumentException("A settlement needs a ledger line or an answer.", nameof(settlement));
        if (settlement.Line is { } line) Validate(line);
        if (settlement.Answer is { } answer)
        {
            if (answer.TenantId != StoredAnswer.OpenTenant) TenantIds.Validate(answer.TenantId, nameof(settlement));
            RequireId(answer.RequestId, "request id");
            RequireId(answer.RouterId, "router id");
            if (answer.Prompt is null) throw new ArgumentException("The answered prompt must be present.", nameof(settlement));
            if (answer.Experts.IsDefault) throw new ArgumentException("The answering experts must be a list.", nameof(settlement));
            if (settlement.Line is { } paired && (paired.TenantId != answer.TenantId || paired.RequestId != answer.RequestId))
                throw new ArgumentException("A settlement's line and answer must name the same tenant and request.", nameof(settlement));
        }
        return settlement;
    }

    // Ids reach the database as text: well-formed (no lone surrogates, no control characters) and bounded.
    private static void RequireId(string? value, string what) => Identifiers.Validate(value, what, "entry", MaxIdLength);
}

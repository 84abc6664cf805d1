using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;
using Moecraft.Experts;
using Moecraft.Governance;
using Moecraft.Lifecycle;
using Moecraft.Routing;

namespace Moecraft.Audit;

/// <summary>
/// The audit records of operators' lifecycle actions (an expert's status, its slot on a router's roster, an applied
/// lifecycle decision, a router moved to another embedder), each naming who acted. Payloads name the grain they come from and what distinguishes two
/// changes of it (the epoch, the decision), as <see cref="AuditOutbox"/> finds a record again by kind, actor and payload.
/// </summary>
public static class OperatorActions
{
    public const string ExpertStatusKind = "expert.status";
    public const string RosterStatusKind = "router.expert-status";
    public const string DecisionAppliedKind = "router.lifecycle-apply";
    public const string EmbedderMigratedKind = "router.embedder-migrate";

    /// <summary>Who a change is recorded as when the caller used a method that names nobody (callers from before actors were carried).</summary>
    public const string Unattributed = "unattributed";

    /// <summary>The rule for who acts, the same as governance's.</summary>
    /// <exception cref="ArgumentException">Empty, too long or with control characters.</exception>
    public static string ValidateActor(string actor)
    {
        GovernancePolicyValidator.ValidateActor(actor);
        return actor;
    }

    public static AuditRecord ExpertStatus(string expertId, ExpertStatus from, ExpertStatus to, string actor) => new(
        ExpertStatusKind, actor, Serialize(new JsonObject
        {
            ["expert"] = expertId,
            ["from"] = Name(from),
            ["to"] = Name(to),
        }));

    public static AuditRecord RosterStatus(string routerId, string expertId, ExpertStatus status, int epoch, string actor) => new(
        RosterStatusKind, actor, Serialize(new JsonObject
        {
            ["router"] = routerId,
            ["expert"] = expertId,
            ["status"] = Name(status),
            ["epoch"] = epoch,
        }));

    public static AuditRecord DecisionApplied(string routerId, LifecycleDecisionRecord applied, LifecycleCandidateReport edit, int epoch, string actor) => new(
        DecisionAppliedKind, actor, Serialize(new JsonObject
        {
            ["router"] = routerId,
            ["decision"] = applied.Id,
            ["edit"] = edit.Edit.ToString().ToLowerInvariant(),
            ["slots"] = new JsonArray([.. edit.Slots.Select(s => (JsonNode)s)]),
            ["summary"] = applied.Summary,
            ["epoch"] = epoch,
        }));

    public static AuditRecord EmbedderMigrated(string routerId, EmbedderIdentity from, EmbedderIdentity to, int epoch, string actor) => new(
        EmbedderMigratedKind, actor, Serialize(new JsonObject
        {
            ["router"] = routerId,
            ["from"] = new JsonObject { ["name"] = from.Name, ["dimension"] = from.Dimension },
            ["to"] = new JsonObject { ["name"] = to.Name, ["dimension"] = to.Dimension },
            ["epoch"] = epoch,
        }));

    /// <summary>"by" whoever acted, for epoch reasons and the journal.</summary>
    public static string By(string actor) => actor == Unattributed ? "by an operator" : $"by {actor}";

    /// <summary>The journal's line for an expert's move.</summary>
    public static string ExpertStatusText(string expertId, ExpertStatus from, ExpertStatus to, string actor) =>
        string.Create(CultureInfo.InvariantCulture, $"Expert '{expertId}' moved from {Name(from)} to {Name(to)} {By(actor)}.");

    private static string Name(ExpertStatus status) => status.ToString().ToLowerInvariant();

    private static string Serialize(JsonObject payload) => Encoding.UTF8.GetString(CanonicalJson.Serialize(payload));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Kernel;

/// <summary>
/// Canonical JSON of kernel proposals: their content hash (the proposal id) and audit payloads. Canonical JSON carries
/// integers only, so floats are written as their shortest round-trip text.
/// </summary>
public static class KernelPayloads
{
    /// <summary>Hex characters of the SHA-256 kept in a proposal id (128 bits).</summary>
    private const int IdLength = 32;

    public static string ProposalId(
        IdentityEventKind kind, string subject, ScarEvidence evidence, ReflexEvidence? reflex = null, long? compensates = null, string? reason = null)
    {
        var content = new JsonObject
        {
            ["kind"] = KindName(kind),
            ["subject"] = subject,
            ["evidence"] = Evidence(evidence),
        };
        if (reflex is not null) content["reflex"] = Reflex(reflex);
        if (compensates is { } sequence) content["compensates"] = sequence;
        if (reason is not null) content["reason"] = reason;
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(content)))[..IdLength];
    }

    public static string Proposed(string keeper, KernelProposal proposal) => Serialize(new JsonObject
    {
        ["keeper"] = keeper,
        ["proposal"] = proposal.Id,
        ["kind"] = KindName(proposal.Kind),
        ["subject"] = proposal.Subject,
        ["tick"] = proposal.ProposedAt,
        ["epoch"] = proposal.Epoch,
        ["evidence"] = Evidence(proposal.Evidence),
    }.WithReflex(proposal.Reflex).WithCompensation(proposal));

    public static string Decided(string keeper, KernelProposal proposal, CommitResult result)
    {
        var payload = new JsonObject
        {
            ["keeper"] = keeper,
            ["proposal"] = proposal.Id,
            ["kind"] = KindName(proposal.Kind),
            ["subject"] = proposal.Subject,
            ["tick"] = result.DecidedAt,
            ["outcome"] = result.Outcome == CommitOutcome.Committed ? "committed" : "rejected",
            ["reason"] = result.Reason,
            ["epoch"] = result.Epoch,
        };
        if (result.Sequence is { } sequence) payload["sequence"] = sequence;
        return Serialize(payload.WithCompensation(proposal));
    }

    /// <summary>The audit payload of an epoch boundary the mid keeper recorded.</summary>
    public static string EpochEntered(string keeper, IdentityEvent boundary) => Serialize(new JsonObject
    {
        ["keeper"] = keeper,
        ["epoch"] = boundary.Epoch,
        ["sequence"] = boundary.Sequence,
        ["tick"] = boundary.CommittedAt,
        ["reason"] = boundary.Reason,
    });

    public static string KindName(IdentityEventKind kind) => kind.ToString().ToLowerInvariant();

    private static JsonObject Evidence(ScarEvidence evidence) => new()
    {
        ["centroid"] = new JsonArray([.. evidence.Centroid.Select(v => (JsonNode)JsonValue.Create(v.ToString("R", CultureInfo.InvariantCulture)))]),
        ["radius"] = evidence.Radius.ToString("R", CultureInfo.InvariantCulture),
        ["failures"] = evidence.Failures,
    };

    private static JsonObject Reflex(ReflexEvidence reflex) => new()
    {
        ["stable_steps"] = reflex.StableSteps,
        ["feedback_samples"] = reflex.FeedbackSamples,
    };

    private static JsonObject WithReflex(this JsonObject payload, ReflexEvidence? reflex)
    {
        if (reflex is not null) payload["reflex"] = Reflex(reflex);
        return payload;
    }

    private static JsonObject WithCompensation(this JsonObject payload, KernelProposal proposal)
    {
        if (proposal.Compensates is { } sequence) payload["compensates"] = sequence;
        if (proposal.Reason is { } reason) payload["reason"] = reason;
        return payload;
    }

    private static string Serialize(JsonObject payload) => Encoding.UTF8.GetString(CanonicalJson.Serialize(payload));
}

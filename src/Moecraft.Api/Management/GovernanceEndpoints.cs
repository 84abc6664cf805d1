using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Experts;
using Moecraft.Governance;

namespace Moecraft.Api.Management;

/// <summary>Governance (SPEC 7): the versioned policy with its history, the kill switch and the recorded events. Operators only.</summary>
public static class GovernanceEndpoints
{
    public static RouteGroupBuilder MapGovernanceEndpoints(this RouteGroupBuilder moecraft)
    {
        var governance = moecraft.MapGroup("/governance").WithTags("Governance").RequireAdmin();
        governance.MapGet("/", GetAsync)
            .WithName("GetGovernance")
            .WithSummary("The current policy and whether the cluster is halted");
        governance.MapGet("/policy/history", GetHistoryAsync)
            .WithName("GetPolicyHistory")
            .WithSummary("Every policy version, oldest first (version 0 is the built-in default)");
        governance.MapPut("/policy", SetPolicyAsync)
            .WithName("SetPolicy")
            .WithSummary("Sets the next policy version")
            .WithDescription("The body replaces the policy: caps left null mean no cap; keeperBudgets and federationPeers left null keep the current ones. With expectedVersion the change happens only if nobody changed the policy since (else 409). Returns once every silo obeys it.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        governance.MapPost("/halt", HaltAsync)
            .WithName("Halt")
            .WithSummary("The kill switch: every router refuses new work until resumed")
            .WithDescription("Returns once every active silo refuses new work; survives restarts. Halting again keeps the first halt.");
        governance.MapPost("/resume", ResumeAsync)
            .WithName("Resume")
            .WithSummary("Lifts the kill switch");
        governance.MapGet("/events", GetEventsAsync)
            .WithName("GetGovernanceEvents")
            .WithSummary("Recorded policy changes, halts and resumes, oldest first");
        return moecraft;
    }

    private static async Task<Ok<GovernanceView>> GetAsync(IGrainFactory grains, string? governance = null) =>
        TypedResults.Ok(GovernanceView.From(await Governance(grains, governance).GetSnapshot()));

    private static async Task<Ok<IReadOnlyList<PolicyView>>> GetHistoryAsync(IGrainFactory grains, string? governance = null)
    {
        var history = await Governance(grains, governance).GetPolicyHistory();
        return TypedResults.Ok<IReadOnlyList<PolicyView>>([.. history.Select(PolicyView.From)]);
    }

    private static async Task<Ok<PolicyView>> SetPolicyAsync(PolicyBody body, ClaimsPrincipal user, IGrainFactory grains, string? governance = null)
    {
        if (body is null) throw ManagementProblem.BadRequest("The body must be a policy object.");
        var grain = Governance(grains, governance);
        var current = await grain.GetPolicy();
        var policy = body.ToPolicy(current.Policy);
        return TypedResults.Ok(PolicyView.From(await grain.SetPolicy(policy, TenantScope.Actor(user), body.ExpectedVersion)));
    }

    private static async Task<Ok<HaltState>> HaltAsync(HaltBody body, ClaimsPrincipal user, IGrainFactory grains, string? governance = null)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason)) throw ManagementProblem.BadRequest("reason is required: say why the cluster is halted.");
        return TypedResults.Ok(await Governance(grains, governance).Halt(TenantScope.Actor(user), body.Reason));
    }

    private static async Task<Ok<HaltState>> ResumeAsync(ClaimsPrincipal user, IGrainFactory grains, string? governance = null) =>
        TypedResults.Ok(await Governance(grains, governance).Resume(TenantScope.Actor(user)));

    private static async Task<Ok<IReadOnlyList<GovernanceEvent>>> GetEventsAsync(IGrainFactory grains, string? governance = null)
    {
        var events = await Governance(grains, governance).GetEvents();
        return TypedResults.Ok<IReadOnlyList<GovernanceEvent>>(events.IsDefault ? [] : events);
    }

    private static IGovernanceGrain Governance(IGrainFactory grains, string? governance)
    {
        var id = string.IsNullOrWhiteSpace(governance) ? GovernanceIds.Cluster : governance;
        GovernanceIds.Validate(id, nameof(governance));
        return grains.GetGrain<IGovernanceGrain>(id);
    }
}

/// <summary>What routers obey now: the policy version and the kill switch.</summary>
public sealed record GovernanceView(string GovernanceId, long Revision, bool Halted, HaltState Halt, PolicyView Policy)
{
    public static GovernanceView From(GovernanceSnapshot snapshot) =>
        new(snapshot.GovernanceId, snapshot.Revision, snapshot.Halt.Halted, snapshot.Halt, PolicyView.From(snapshot.Policy));
}

/// <summary>One policy version: who set it, when, and its rules.</summary>
public sealed record PolicyView(
    long Version,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    decimal? MaxTenantBudget,
    int? MaxRequestsPerMinute,
    IReadOnlyList<string> AllowedBackends,
    int MaxExpertsPerRouter,
    string LifecycleAutonomy,
    KeeperWriteBudgets KeeperBudgets,
    IReadOnlyList<string> FederationPeers)
{
    public static PolicyView From(PolicyVersion version)
    {
        var p = version.Policy;
        return new(
            version.Version, version.ChangedBy, version.ChangedAt, p.MaxTenantBudget, p.MaxRequestsPerMinute,
            [.. p.AllowedBackends.Select(b => QueryParsing.Name(b))], p.MaxExpertsPerRouter,
            QueryParsing.Name(p.LifecycleAutonomy), p.KeeperBudgets,
            [.. p.Federation.AllowedPeers]);
    }
}

/// <summary>The next policy (see <c>PUT /moecraft/governance/policy</c>).</summary>
/// <param name="AllowedBackends">simulated, ollama, open-ai-compatible, replay, federated: at least one.</param>
/// <param name="MaxExpertsPerRouter">1 to 4,096.</param>
/// <param name="LifecycleAutonomy">dry-run, apply-prune or apply-all.</param>
/// <param name="MaxTenantBudget">Highest budget per period a tenant may be given; null: no cap.</param>
/// <param name="MaxRequestsPerMinute">Highest per-key rate limit; null: no cap.</param>
/// <param name="KeeperBudgets">Keeper write budgets; null keeps the current ones.</param>
/// <param name="FederationPeers">Allowed federation peers; null keeps the current ones.</param>
/// <param name="ExpectedVersion">Change only if this is still the current version.</param>
public sealed record PolicyBody(
    IReadOnlyList<string> AllowedBackends,
    int MaxExpertsPerRouter,
    string LifecycleAutonomy,
    decimal? MaxTenantBudget = null,
    int? MaxRequestsPerMinute = null,
    KeeperWriteBudgets? KeeperBudgets = null,
    IReadOnlyList<string>? FederationPeers = null,
    long? ExpectedVersion = null)
{
    public GovernancePolicy ToPolicy(GovernancePolicy current)
    {
        if (AllowedBackends is null || AllowedBackends.Count == 0) throw ManagementProblem.BadRequest("allowedBackends must name at least one backend.");
        return new GovernancePolicy(
            MaxTenantBudget,
            MaxRequestsPerMinute,
            [.. AllowedBackends.Select(b => QueryParsing.Enum<BackendKind>(b, "allowedBackends")).Distinct()],
            MaxExpertsPerRouter,
            QueryParsing.Enum<LifecycleAutonomy>(LifecycleAutonomy, "lifecycleAutonomy"),
            KeeperBudgets ?? current.KeeperBudgets,
            FederationPeers is null ? current.Federation : new FederationRules([.. FederationPeers]));
    }
}

/// <summary>Why the cluster is halted.</summary>
public sealed record HaltBody(string Reason);

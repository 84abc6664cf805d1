using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Api.Authentication;
using Moecraft.Ledger;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary><c>POST /moecraft/feedback</c>: a score or a preference on one of the caller's answered requests teaches the gate.</summary>
public static class FeedbackEndpoints
{
    public static RouteGroupBuilder MapFeedbackEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapPost("/feedback", SendAsync)
            .WithName("SendFeedback")
            .WithTags("Feedback")
            .WithSummary("Feedback on an answered request")
            .WithDescription("A score in [0, 1] for the expert that answered, or a preference between two experts that both answered (k > 1). The request must be one of the caller's tenant; the router is the body's, else the one that answered.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return moecraft;
    }

    private static async Task<Accepted<FeedbackAccepted>> SendAsync(
        FeedbackBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var feedback = Validate(body, MoecraftClaims.RequireTenant(user));
        // The query is scoped to the caller's tenant, so one tenant can never name another's request.
        var answered = await grains.GetGrain<ILedgerQueryGrain>(0).RecallAnswered(feedback.TenantId!, feedback.RequestId)
            ?? throw ManagementProblem.NotFound($"No answered request '{feedback.RequestId}' is known for this tenant.");
        var router = string.IsNullOrWhiteSpace(body.Router) ? answered.RouterId : body.Router;
        await grains.GetGrain<IChatRouterGrain>(router).Feedback(feedback);
        return TypedResults.Accepted((string?)null, new FeedbackAccepted(feedback.RequestId, router));
    }

    /// <summary>The grain's request from the body, the tenant from the credential; bad combinations are a 400.</summary>
    public static FeedbackRequest Validate(FeedbackBody? body, string tenant)
    {
        if (body is null) throw ManagementProblem.BadRequest("The body must be a JSON object with a requestId and a score or a preference.");
        if (string.IsNullOrWhiteSpace(body.RequestId)) throw ManagementProblem.BadRequest("requestId is required.");
        if (Identifiers.Malformation(body.RequestId) is { } malformed) throw ManagementProblem.BadRequest($"requestId {malformed}.");
        if (!string.IsNullOrWhiteSpace(body.Router)) Lookups.RequireId(body.Router, "router");
        var preference = body.Preferred is not null || body.Over is not null;
        if (body.Score is null == !preference)
            throw ManagementProblem.BadRequest("Give either a score in [0, 1] or a preference (preferred and over), not both and not neither.");
        if (body.Score is { } score && (!double.IsFinite(score) || score is < 0 or > 1))
            throw ManagementProblem.BadRequest($"score must be within [0, 1] (got {score}).");
        if (preference && (string.IsNullOrWhiteSpace(body.Preferred) || string.IsNullOrWhiteSpace(body.Over) || body.Preferred == body.Over))
            throw ManagementProblem.BadRequest("A preference names two different experts: preferred and over.");
        return new FeedbackRequest(body.RequestId, tenant, body.Score, body.Preferred, body.Over);
    }
}

/// <summary>Feedback on an answered request: a <paramref name="Score"/>, or <paramref name="Preferred"/> over <paramref name="Over"/>.</summary>
/// <param name="RequestId">The request's id (as sent, or the id the API answered with).</param>
/// <param name="Score">The answer's quality in [0, 1].</param>
/// <param name="Preferred">With <paramref name="Over"/>: the expert whose answer was better.</param>
/// <param name="Over">The expert whose answer was worse.</param>
/// <param name="Router">The router that answered; when omitted, the router the request was answered by.</param>
public sealed record FeedbackBody(string RequestId, double? Score = null, string? Preferred = null, string? Over = null, string? Router = null);

/// <summary>Feedback taken: the gate of <paramref name="Router"/> learned from it.</summary>
public sealed record FeedbackAccepted(string RequestId, string Router);

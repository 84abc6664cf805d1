using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Kernel;

namespace Moecraft.Api.Management;

/// <summary>A router's three temporal keepers (SPEC 5): read them, commit a proposal after its dwell, propose a compensation. Operators only.</summary>
public static class KeeperEndpoints
{
    public static RouteGroupBuilder MapKeeperEndpoints(this RouteGroupBuilder moecraft)
    {
        var keepers = moecraft.MapGroup("/routers/{routerId}/keepers").WithTags("Keepers").RequireAdmin().ProducesProblem(StatusCodes.Status404NotFound);
        keepers.MapGet("/", ListAsync)
            .WithName("GetKeepers")
            .WithSummary("The router's fast, mid and slow keepers")
            .WithDescription("Clock, epoch and where it re-based, write budget, pending proposals, first commit results and the append-only identity events (scars, reflexes, epochs, compensations).")
            .Produces<IReadOnlyList<KeeperSnapshot>>();
        keepers.MapPost("/{clock}/commit", CommitAsync)
            .WithName("CommitKeeperProposal")
            .WithSummary("Commits a proposal whose dwell has passed")
            .WithDescription("The evidence is re-checked; the first decision is final and repeated calls return it. Before the dwell: 409, nothing changed.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        keepers.MapPost("/{clock}/compensate", CompensateAsync)
            .WithName("ProposeCompensation")
            .WithSummary("Proposes cancelling a committed scar or reflex")
            .WithDescription("A two-step commit of its own: it takes effect when the returned proposal commits after the dwell. The event stays on the log.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return moecraft;
    }

    private static async Task<JsonHttpResult<IReadOnlyList<KeeperSnapshot>>> ListAsync(string routerId, IGrainFactory grains, FiniteJson json)
    {
        await Lookups.RouterAsync(grains, routerId);
        var keepers = await Task.WhenAll(Enum.GetValues<KeeperClock>().Select(clock => Keeper(grains, routerId, clock).GetSnapshot()));
        return json.Ok<IReadOnlyList<KeeperSnapshot>>(keepers);
    }

    private static async Task<Ok<CommitResult>> CommitAsync(string routerId, string clock, CommitBody body, IGrainFactory grains)
    {
        var keeperClock = QueryParsing.Enum<KeeperClock>(clock, "clock");
        if (string.IsNullOrWhiteSpace(body?.ProposalId)) throw ManagementProblem.BadRequest("proposalId is required.");
        await Lookups.RouterAsync(grains, routerId);
        try
        {
            return TypedResults.Ok(await Keeper(grains, routerId, keeperClock).Commit(body.ProposalId));
        }
        catch (ArgumentException unknown) when (unknown.Message.Contains("has no proposal", StringComparison.Ordinal))
        {
            throw ManagementProblem.NotFound($"The {KeeperClocks.Name(keeperClock)} keeper of router '{routerId}' has no proposal '{body.ProposalId}'.");
        }
    }

    private static async Task<Ok<CompensationProposed>> CompensateAsync(string routerId, string clock, CompensationBody body, IGrainFactory grains)
    {
        var keeperClock = QueryParsing.Enum<KeeperClock>(clock, "clock");
        if (body is null || string.IsNullOrWhiteSpace(body.Reason)) throw ManagementProblem.BadRequest("reason is required.");
        if (body.Sequence < 1) throw ManagementProblem.BadRequest("sequence must be the committed event's sequence (1 or more).");
        await Lookups.RouterAsync(grains, routerId);
        var proposal = await Keeper(grains, routerId, keeperClock).ProposeCompensation(body.Sequence, body.Reason);
        return TypedResults.Ok(new CompensationProposed(routerId, KeeperClocks.Name(keeperClock), body.Sequence, proposal));
    }

    private static IKeeperOperatorGrain Keeper(IGrainFactory grains, string routerId, KeeperClock clock) =>
        grains.GetGrain<IKeeperOperatorGrain>(KeeperClocks.Key(routerId, clock));
}

/// <summary>The proposal to commit.</summary>
public sealed record CommitBody(string ProposalId);

/// <summary>Cancel committed event <paramref name="Sequence"/> (a scar or reflex) for <paramref name="Reason"/>.</summary>
public sealed record CompensationBody(long Sequence, string Reason);

/// <summary>The compensation's proposal: commit it after the keeper's dwell.</summary>
public sealed record CompensationProposed(string Router, string Clock, long Sequence, string ProposalId);

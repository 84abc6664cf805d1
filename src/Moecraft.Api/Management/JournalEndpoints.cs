using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Journal;

namespace Moecraft.Api.Management;

/// <summary>The journalist's daily log (SPEC 7): halts, resumes, policy changes, applied lifecycle edits, exhausted budgets. Operators only.</summary>
public static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapGet("/journal", GetAsync)
            .WithName("GetJournal")
            .WithTags("Journal")
            .WithSummary("A UTC day's journal of one node, or of every active node")
            .WithDescription("`day` is yyyy-MM-dd (default today, UTC); `node` a silo name (default: every active node, one journal each).")
            .RequireAdmin();
        return moecraft;
    }

    private static async Task<Ok<IReadOnlyList<JournalDay>>> GetAsync(IGrainFactory grains, TimeProvider time, string? day = null, string? node = null)
    {
        var date = QueryParsing.Day(day, time.GetUtcNow());
        IReadOnlyList<string> nodes;
        if (node is null) nodes = await ClusterNodes.ActiveAsync(grains);
        else
        {
            try
            {
                JournalKeys.ValidateNode(node);
            }
            catch (ArgumentException invalid)
            {
                throw ManagementProblem.BadRequest(invalid.Message);
            }
            // A node that left the cluster still has its journals: a named node need not be active.
            nodes = [node];
        }
        var days = await Task.WhenAll(nodes.Select(n => grains.GetGrain<IJournalGrain>(JournalKeys.For(n, date)).Read()));
        return TypedResults.Ok<IReadOnlyList<JournalDay>>(days);
    }
}

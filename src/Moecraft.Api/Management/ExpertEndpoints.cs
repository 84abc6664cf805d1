using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary>Experts: a router's roster with prices, status and usage; register an expert on a roster; move its status. Operators only.</summary>
public static class ExpertEndpoints
{
    public static RouteGroupBuilder MapExpertEndpoints(this RouteGroupBuilder moecraft)
    {
        var experts = moecraft.MapGroup("/experts").WithTags("Experts").RequireAdmin().ProducesProblem(StatusCodes.Status404NotFound);
        experts.MapGet("/", ListAsync)
            .WithName("ListExperts")
            .WithSummary("The experts on a router's roster")
            .WithDescription("Each slot with its expert's backend, model, price, lifecycle status, counters, calls in flight, concurrency limit, circuit state, the gate's predicted success and the scars and reflexes that name it; `router` defaults to the default router.");
        experts.MapGet("/{expertId}", GetAsync)
            .WithName("GetExpert")
            .WithSummary("One expert: definition, status, counters, its calls now and what its router knows of it")
            .WithDescription("`router` (default: the default router) adds the gate's predicted success and the scars and reflexes that name the expert, when it is on that roster.");
        experts.MapPut("/{expertId}", RegisterAsync)
            .WithName("RegisterExpert")
            .WithSummary("Registers (or updates) an expert and puts it on a router's roster")
            .WithDescription("The governance policy's backend list and maximum experts per router apply. Answers the expert with its slot.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        experts.MapPost("/{expertId}/status", SetStatusAsync)
            .WithName("SetExpertStatus")
            .WithSummary("Moves an expert along its lifecycle: active, cooling, archived")
            .WithDescription("Moves the expert and its slot on the router's roster (a roster edit starts a new epoch); both moves are audited and journaled as the caller's key name with @http. An invalid move is a 409 and changes (and audits) nothing.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return moecraft;
    }

    private static async Task<Ok<IReadOnlyList<ExpertView>>> ListAsync(IGrainFactory grains, IOptions<MoecraftApiOptions> options, string? router = null)
    {
        var routerId = RouterOrDefault(router, options);
        var snapshot = await Lookups.RouterAsync(grains, routerId);
        var routing = ExpertRoutingView.Source.ReadAsync(grains, routerId);
        var experts = await Task.WhenAll(snapshot.Slots.Select(s => Lookups.ExpertAsync(grains, s.ExpertId)));
        var source = await routing;
        return TypedResults.Ok<IReadOnlyList<ExpertView>>(
            [.. snapshot.Slots.Zip(experts, (slot, expert) => ExpertView.From(expert, routerId, slot, source.For(slot.ExpertId)))]);
    }

    private static async Task<Ok<ExpertView>> GetAsync(string expertId, IGrainFactory grains, IOptions<MoecraftApiOptions> options, string? router = null)
    {
        var expert = await Lookups.ExpertAsync(grains, expertId);
        var routerId = RouterOrDefault(router, options);
        RosterSlot? slot;
        try
        {
            slot = (await Lookups.RouterAsync(grains, routerId)).Slots.FirstOrDefault(s => s.ExpertId == expertId);
        }
        catch (ManagementProblem) when (router is null)
        {
            slot = null; // no default router here: the expert alone
        }
        if (slot is null) return TypedResults.Ok(ExpertView.From(expert, null, null));
        var source = await ExpertRoutingView.Source.ReadAsync(grains, routerId);
        return TypedResults.Ok(ExpertView.From(expert, routerId, slot, source.For(expertId)));
    }

    private static async Task<Ok<ExpertView>> RegisterAsync(
        string expertId, ExpertBody body, IGrainFactory grains, IOptions<MoecraftApiOptions> options, string? router = null)
    {
        Lookups.RequireId(expertId, "expert");
        var routerId = RouterOrDefault(router, options);
        await Lookups.RouterAsync(grains, routerId);
        var definition = body.ToDefinition(expertId);
        var expert = await grains.GetGrain<IExpertGrain>(expertId).Register(definition);
        var slot = await grains.GetGrain<IRouterLayerGrain>(routerId).RegisterExpert(expertId);
        return TypedResults.Ok(ExpertView.From(expert, routerId, new RosterSlot(slot, expertId, true)));
    }

    private static async Task<Ok<ExpertView>> SetStatusAsync(
        string expertId, ExpertStatusBody body, ClaimsPrincipal user, IGrainFactory grains, IOptions<MoecraftApiOptions> options)
    {
        var status = QueryParsing.Enum<ExpertStatus>(body?.Status, "status");
        if (status == ExpertStatus.Unregistered) throw ManagementProblem.BadRequest("status must be active, cooling or archived.");
        var routerId = RouterOrDefault(body!.Router, options);
        var snapshot = await Lookups.RouterAsync(grains, routerId);
        if (!snapshot.Slots.Any(s => s.ExpertId == expertId))
            throw ManagementProblem.NotFound($"Expert '{expertId}' is not on router '{routerId}'s roster.");
        var actor = TenantScope.Actor(user);
        var expert = await grains.GetGrain<IExpertGrain>(expertId).SetStatus(status, actor);
        await grains.GetGrain<IRouterLayerGrain>(routerId).SetExpertStatus(expertId, status, actor);
        var after = await grains.GetGrain<IRouterLayerGrain>(routerId).GetSnapshot();
        return TypedResults.Ok(ExpertView.From(expert, routerId, after.Slots.Single(s => s.ExpertId == expertId)));
    }

    internal static string RouterOrDefault(string? router, IOptions<MoecraftApiOptions> options) =>
        string.IsNullOrWhiteSpace(router) ? options.Value.DefaultRouter : router;
}

/// <summary>
/// An expert as the API shows it; <paramref name="Router"/>, <paramref name="Slot"/>, <paramref name="SlotActive"/> and
/// <paramref name="Routing"/> when read from a roster; <paramref name="Activity"/>: its calls right now.
/// </summary>
public sealed record ExpertView(
    string Id,
    string Backend,
    string Model,
    string? Endpoint,
    string Tier,
    decimal InputPerMillion,
    decimal OutputPerMillion,
    IReadOnlyList<string> Capabilities,
    string Status,
    string? Router,
    int? Slot,
    bool? SlotActive,
    ExpertPerformance Usage,
    ExpertActivityView? Activity = null,
    ExpertRoutingView? Routing = null)
{
    public static ExpertView From(ExpertSnapshot expert, string? router, RosterSlot? slot, ExpertRoutingView? routing = null)
    {
        var d = expert.Definition;
        return new(
            d.Id, QueryParsing.Name(d.Backend), d.Model, d.Endpoint, QueryParsing.Name(d.Tier), d.Pricing.InputPerMillion, d.Pricing.OutputPerMillion,
            [.. d.Capabilities], QueryParsing.Name(expert.Status), router, slot?.Slot, slot?.Active,
            ExpertPerformance.From(router ?? "", expert), ExpertActivityView.From(expert.Activity), routing);
    }
}

/// <summary>What an expert is: backend (simulated, ollama, open-ai-compatible, replay, federated), model, price, tier.</summary>
/// <param name="Backend">simulated, ollama, open-ai-compatible (or openai), replay or federated.</param>
/// <param name="Model">The model name at the backend.</param>
/// <param name="Endpoint">The backend's base address (Ollama, OpenAI-compatible) or the peer's node name (federated).</param>
/// <param name="InputPerMillion">Price per million input tokens.</param>
/// <param name="OutputPerMillion">Price per million output tokens.</param>
/// <param name="Tier">local, standard or premium.</param>
/// <param name="Capabilities">Free-form tags such as "code" or "math".</param>
/// <param name="ApiKeyVariable">OpenAI-compatible only: the silo's environment variable holding the API key.</param>
public sealed record ExpertBody(
    string Backend,
    string Model,
    string? Endpoint = null,
    decimal InputPerMillion = 0,
    decimal OutputPerMillion = 0,
    string Tier = "standard",
    IReadOnlyList<string>? Capabilities = null,
    string? ApiKeyVariable = null)
{
    public ExpertDefinition ToDefinition(string id)
    {
        var backend = string.Equals(Backend, "openai", StringComparison.OrdinalIgnoreCase)
            ? BackendKind.OpenAiCompatible
            : QueryParsing.Enum<BackendKind>(Backend, "backend");
        if (string.IsNullOrWhiteSpace(Model)) throw ManagementProblem.BadRequest("model is required.");
        if (InputPerMillion < 0 || OutputPerMillion < 0) throw ManagementProblem.BadRequest("Prices must not be negative.");
        return new ExpertDefinition(
            id, backend, Model, Endpoint, new ExpertPricing(InputPerMillion, OutputPerMillion), QueryParsing.Enum<ExpertTier>(Tier, "tier"),
            Capabilities is null ? [] : [.. Capabilities], Simulation: null, CallPolicy: null, ApiKeyVariable: ApiKeyVariable);
    }
}

/// <summary>The status to move an expert to (active, cooling, archived) on <paramref name="Router"/> (default router when omitted).</summary>
public sealed record ExpertStatusBody(string Status, string? Router = null);

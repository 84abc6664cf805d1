using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Moecraft.Api.Authentication;
using Moecraft.Ledger;

namespace Moecraft.Api.Management;

/// <summary>
/// <c>GET /moecraft/stream/cost</c>: server-sent events of every request settled for the caller's own tenant, or for an
/// operator any tenant named by <c>?tenant=</c> (<see cref="TenantScope"/>, as the other reads of one tenant) (cost,
/// premium baseline, savings, cache hit, tokens), from whichever silo served it. First a <c>ready</c> event once the
/// subscription holds, then one <c>cost</c> event per settled request, and a comment every 15 s to keep proxies open.
/// </summary>
public static class CostStreamEndpoints
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapCostStreamEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapGet("/stream/cost", StreamAsync)
            .WithName("StreamCost")
            .WithTags("Cost")
            .WithSummary("Live cost of a tenant, as server-sent events")
            .WithDescription("`event: ready` once subscribed (data: the tenant), then `event: cost` per settled request (data: a CostEvent: requestId, at, routerId, experts, cost, premiumCost, savings, cacheHit, inputTokens, outputTokens, latencyMs). The caller's own tenant; an operator may name another with `tenant`.")
            .Produces<CostEvent>(StatusCodes.Status200OK, "text/event-stream");
        return moecraft;
    }

    private static async Task StreamAsync(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, string? tenant = null)
    {
        tenant = TenantScope.Resolve(user, tenant);
        var cancellationToken = context.RequestAborted;
        await using var subscription = await CostStreamSubscription.StartAsync(grains, tenant);

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var options = json.Value.SerializerOptions;
        await WriteEventAsync(response, "ready", null, JsonSerializer.Serialize(new { tenant }, options), cancellationToken);

        var renewed = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                try
                {
                    if (!await subscription.Events.WaitToReadAsync(wait.Token)) break;
                    while (subscription.Events.TryRead(out var cost))
                        await WriteEventAsync(response, "cost", cost.RequestId, JsonSerializer.Serialize(cost, options), cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                }
                if (DateTimeOffset.UtcNow - renewed >= CostStreams.RenewEvery)
                {
                    try
                    {
                        await subscription.RenewAsync();
                        renewed = DateTimeOffset.UtcNow;
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The stream has started, so no problem details can follow: try again on the next turn (the
                        // subscription outlives a few missed renewals).
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, string? id, string data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append("event: ").Append(name).Append('\n');
        if (id is not null && !id.Any(c => c is '\n' or '\r')) text.Append("id: ").Append(id).Append('\n');
        text.Append("data: ").Append(data).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

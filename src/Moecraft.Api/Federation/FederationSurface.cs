using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Federation;

namespace Moecraft.Api.Federation;

/// <summary>
/// The federation surface (<c>/federation/v1</c>): the only way a node of another cluster reaches this one. It admits the
/// federation operations and nothing else (manifest, heartbeat, pull, packets by id, push, expert query); every request
/// but the public manifest read must carry a <c>Moecraft-Sig</c> signature, and passes, in order, before any grain is
/// asked to change anything: body size, signature (<see cref="FederationRequestVerifier"/>: destination, time window, key),
/// the peer's request budget (<see cref="FederationRateLimits"/>), the nonce (<see cref="ReplayWindow"/>), and the peer
/// table (<see cref="FederationAdmission"/>: the key its manifest names, a node of another cluster, the tier matrix). Then
/// this node's peer grain runs the same method a node of this cluster would call, and the grain that acts checks the tier
/// again as its peer table holds it at that moment.
/// </summary>
public static partial class FederationSurface
{
    public static IServiceCollection AddFederationSurface(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<FederationSurfaceOptions>(configuration.GetSection(FederationSurfaceOptions.SectionName));
        services.AddSingleton<FederationRateLimits>();
        services.AddSingleton(sp => new ReplayWindow(sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapFederationSurface(this IEndpointRouteBuilder app)
    {
        var surface = app.MapGroup(FederationWire.Prefix).ExcludeFromDescription().AllowAnonymous();
        surface.MapGet("/manifest", GetManifestAsync);
        surface.MapPost("/manifest", (HttpContext context) => HandleAsync<PeerManifest>(context, FederationAction.ManifestExchange,
            FederationAdmission.ManifestRefusal, async (peer, _, manifest) => await peer.ExchangeRemoteManifest(manifest)));
        surface.MapPost("/heartbeat", (HttpContext context) => HandleAsync<Heartbeat>(context, FederationAction.Heartbeat,
            FederationAdmission.HeartbeatRefusal, async (peer, _, heartbeat) =>
            {
                await peer.Heartbeat(heartbeat);
                return null;
            }));
        surface.MapPost("/pull", (HttpContext context) => HandleAsync<PullBody>(context, FederationAction.PullPackets, null,
            async (peer, caller, body) => await peer.Pull(caller.Origin, body.Clock, body.Max)));
        surface.MapPost("/packets", (HttpContext context) => HandleAsync<PacketIdsBody>(context, FederationAction.PullPackets, null,
            async (peer, caller, body) => new PacketsBody(await peer.GetPackets(caller.Origin, body.Ids))));
        surface.MapPost("/push", (HttpContext context) => HandleAsync<PacketsBody>(context, FederationAction.SendPackets, null,
            async (peer, caller, body) => await peer.Push(caller.Origin, body.Packets)));
        surface.MapPost("/experts/{expert}/query", (HttpContext context, string expert) => HandleAsync<ExpertQueryBody>(context, FederationAction.QueryExperts, null,
            async (peer, caller, body) =>
            {
                var answer = await peer.QueryExpert(caller.Origin, expert, body.Request);
                // System.Text.Json cannot write a default ImmutableArray: an answer without tool calls carries them empty.
                return answer with { ToolCalls = answer.Calls };
            }));
        return app;
    }

    private static async Task GetManifestAsync(HttpContext context)
    {
        if (Node(context) is not { } node) return;
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        await context.Response.WriteAsJsonAsync(await grains.GetGrain<IFederationPeerGrain>(node).GetManifest(), FederationWire.Json);
    }

    private static async Task HandleAsync<TBody>(
        HttpContext context, FederationAction action, Func<TBody, FederationSignature, FederationRefusal?>? bodyRefusal,
        Func<IFederationPeerGrain, FederationSignature, TBody, Task<object?>> handle)
    {
        if (Node(context) is not { } node) return;
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FederationSurface).FullName!);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();

        // Before the body is read or a signature checked: what one address may make this silo do is bounded first.
        var limits = services.GetRequiredService<FederationRateLimits>();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (!limits.TryTakeAddress(address))
        {
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, logger, StatusCodes.Status429TooManyRequests,
                $"Address {address} is over the federation surface's request budget for one address on node '{node}'; retry later. Nothing was verified or changed.");
            return;
        }
        var body = await ReadBodyAsync(context);
        if (body is null) return;
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var caller = FederationRequestVerifier.Verify(context.Request.Headers.Authorization.ToString(), node, context.Request.Method, path, body, now, out var problem);
        if (caller is null)
        {
            await RefuseAsync(context, logger, StatusCodes.Status401Unauthorized, $"The request's signature is refused: {problem}. Nothing changed.");
            return;
        }
        if (!limits.TryTake(caller.Key))
        {
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, logger, StatusCodes.Status429TooManyRequests, $"Peer '{caller.Origin}' is over its federation request budget on node '{node}'; retry later. Nothing changed.");
            return;
        }
        if (!services.GetRequiredService<ReplayWindow>().TryAccept(caller))
        {
            await RefuseAsync(context, logger, StatusCodes.Status401Unauthorized, "The request was seen before (same key and nonce): a replay. Nothing changed.");
            return;
        }

        var peerGrain = services.GetRequiredService<IGrainFactory>().GetGrain<IFederationPeerGrain>(node);
        try
        {
            var peers = await peerGrain.GetPeers();
            var row = peers.IsDefault ? null : peers.FirstOrDefault(p => string.Equals(p.Name, caller.Origin, StringComparison.Ordinal));
            if (FederationAdmission.Refusal(action, caller, row) is { } refusal)
            {
                await RefuseAsync(context, logger, refusal);
                return;
            }
            TBody? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<TBody>(body, FederationWire.Json);
            }
            catch (JsonException ex)
            {
                await RefuseAsync(context, logger, StatusCodes.Status400BadRequest, $"The body is not a {typeof(TBody).Name}: {ex.Message} Nothing changed.");
                return;
            }
            if (parsed is null)
            {
                await RefuseAsync(context, logger, StatusCodes.Status400BadRequest, "The body is empty. Nothing changed.");
                return;
            }
            if (bodyRefusal?.Invoke(parsed, caller) is { } wrongBody)
            {
                await RefuseAsync(context, logger, wrongBody);
                return;
            }
            var result = await handle(peerGrain, caller, parsed);
            if (result is null) context.Response.StatusCode = StatusCodes.Status204NoContent;
            else await context.Response.WriteAsJsonAsync(result, result.GetType(), FederationWire.Json);
        }
        catch (FederationRefusedException ex)
        {
            await RefuseAsync(context, logger, StatusCodes.Status403Forbidden, ex.Message);
        }
        catch (ArgumentException ex)
        {
            await RefuseAsync(context, logger, StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = FederationWire.MaxBodyBytes;
        if (context.Request.ContentLength > FederationWire.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            return null;
        }
        return buffer.ToArray();
    }

    private static string? Node(HttpContext context)
    {
        var node = context.RequestServices.GetRequiredService<IOptions<FederationSurfaceOptions>>().Value.NodeName;
        if (node is null) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return node;
    }

    private static Task RefuseAsync(HttpContext context, ILogger logger, FederationRefusal refusal) =>
        RefuseAsync(context, logger, refusal.Kind == FederationRefusalKind.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
            $"{refusal.Reason}. Nothing changed.");

    private static async Task RefuseAsync(HttpContext context, ILogger logger, int status, string reason)
    {
        LogRefused(logger, context.Request.Path.Value ?? "", status, reason);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new FederationErrorBody(reason), FederationWire.Json);
    }

    [LoggerMessage(1301, LogLevel.Warning, "Federation surface refused {Path} ({Status}): {Reason}", EventName = "FederationSurfaceRefused")]
    private static partial void LogRefused(ILogger logger, string path, int status, string reason);
}

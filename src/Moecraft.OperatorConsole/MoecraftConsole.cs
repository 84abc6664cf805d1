using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Moecraft.OperatorConsole;

/// <summary>
/// Maps the operator's console at <c>/console</c>. The pages are static: every figure they show comes from the
/// <c>/moecraft</c> endpoints and the live cost stream, called from the browser with the operator's credential, so
/// the files themselves hold no data and are served to anyone; the endpoints decide who may read what.
/// </summary>
public static class MoecraftConsole
{
    public const string Path = "/console";

    public static IEndpointRouteBuilder MapMoecraftConsole(this IEndpointRouteBuilder endpoints)
    {
        // Routing matches /console and /console/ alike; the pages name their files relative to /console/.
        endpoints.MapGet(Path + "/{**file}", (string? file, HttpContext context) =>
                string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/')
                    ? Results.Redirect(Path + "/")
                    : Serve(ConsoleAssets.Embedded.Find(file), context))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(ConsoleAsset? asset, HttpContext context)
    {
        if (asset is null) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: a silo upgrade changes the files, and an unchanged file costs a 304.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Moecraft.Api.Management;

/// <summary>
/// Problem details for the failures under <c>/moecraft</c> that happen before a handler runs and would otherwise answer
/// with an empty body: a body or query value that cannot be read (400), no or a refused credential (401), a missing role
/// (403), no such endpoint (404), a wrong method (405), a body over the limit (413).
/// </summary>
public static class EmptyStatusProblems
{
    public static IApplicationBuilder UseManagementProblems(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ManagementEndpoints.Prefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePages(WriteAsync));

    private static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = Detail(status),
        };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
            await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static string Detail(int status) => status switch
    {
        StatusCodes.Status400BadRequest =>
            "The request could not be read: the body is not valid JSON of the documented shape (see /openapi/v1.json), or a route or query value has the wrong type.",
        StatusCodes.Status401Unauthorized => "A valid API key is required: Authorization: Bearer <key>.",
        StatusCodes.Status403Forbidden => "This endpoint needs the admin role.",
        StatusCodes.Status404NotFound => "No such endpoint under /moecraft; see /openapi/v1.json or /reference.",
        StatusCodes.Status405MethodNotAllowed => "This endpoint does not take that HTTP method; see /openapi/v1.json.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this silo accepts (Moecraft:Api:MaxRequestBodyBytes).",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}

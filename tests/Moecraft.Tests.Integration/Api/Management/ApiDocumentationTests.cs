using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Moecraft.Tests.Api.Management;

/// <summary>The API's documentation surface on the real silo: the OpenAPI document and the Scalar reference page.</summary>
[Collection(ManagementSiloCollection.Name)]
public sealed partial class ApiDocumentationTests(ManagementSilo silo)
{
    [Fact]
    public async Task The_openapi_document_describes_every_management_endpoint_with_the_bearer_scheme()
    {
        using var document = JsonDocument.Parse(await silo.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "/moecraft/feedback", "/moecraft/cost", "/moecraft/history", "/moecraft/performance", "/moecraft/performance/experts",
            "/moecraft/experts", "/moecraft/experts/{expertId}", "/moecraft/experts/{expertId}/status",
            "/moecraft/routers/{routerId}", "/moecraft/routers/{routerId}/health", "/moecraft/routers/{routerId}/health/history",
            "/moecraft/routers/{routerId}/lifecycle",
            "/moecraft/routers/{routerId}/lifecycle/{decisionId}/apply", "/moecraft/routers/{routerId}/keepers",
            "/moecraft/routers/{routerId}/keepers/{clock}/commit", "/moecraft/routers/{routerId}/keepers/{clock}/compensate",
            "/moecraft/routers/{routerId}/embedder", "/moecraft/routers/{routerId}/embedder/migrate",
            "/moecraft/governance", "/moecraft/governance/policy", "/moecraft/governance/policy/history", "/moecraft/governance/halt",
            "/moecraft/governance/resume", "/moecraft/governance/events", "/moecraft/journal", "/moecraft/audit/verify",
            "/moecraft/audit/export", "/moecraft/federation/peers", "/moecraft/federation/peers/{peer}/tier",
            "/moecraft/federation/peers/{peer}/sync", "/moecraft/federation/resolve", "/moecraft/stream/cost",
        ];
        var missing = expected.Where(p => !paths.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"not in the document: {string.Join(", ", missing)}");
        // The OpenAI-compatible surface is documented too once it exists; until then there is simply none.
        Assert.All(paths.Where(p => p.StartsWith("/v1/", StringComparison.Ordinal)), p => Assert.True(root.GetProperty("paths").GetProperty(p).EnumerateObject().Any()));

        var halt = root.GetProperty("paths").GetProperty("/moecraft/governance/halt").GetProperty("post");
        Assert.Equal("Halt", halt.GetProperty("operationId").GetString());
        Assert.Equal("Governance", halt.GetProperty("tags")[0].GetString());
        Assert.False(string.IsNullOrWhiteSpace(halt.GetProperty("summary").GetString()));
        Assert.True(halt.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(halt.GetProperty("responses").TryGetProperty("400", out var problem));
        Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(root.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task The_reference_page_and_its_script_are_served_by_the_silo_itself()
    {
        using var page = await silo.Http.GetAsync(new Uri("/reference", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        // Offline: no script from a CDN or any other host, and each one loads from the silo.
        Assert.All(scripts, src => Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Host != "127.0.0.1", $"script from another host: {src}"));
        var sizes = new List<int>();
        foreach (var src in scripts)
        {
            using var script = await silo.Http.GetAsync(new Uri(new Uri(silo.Silo.BaseAddress, "/reference/"), src));
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{src}: {(int)script.StatusCode}");
            sizes.Add((await script.Content.ReadAsByteArrayAsync()).Length);
        }
        // One of them is the reference's whole bundle (megabytes), not a loader that fetches it from elsewhere.
        Assert.Contains(sizes, size => size > 1_000_000);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}

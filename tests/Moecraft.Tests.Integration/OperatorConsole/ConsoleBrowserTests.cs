using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Moecraft.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Moecraft.Tests.OperatorConsole;

/// <summary>The operator console at /console in a real browser (chromium) against a real silo process.</summary>
[Collection(ConsoleSiloCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleSiloFixture fixture)
{
    [Fact]
    public async Task The_overview_renders_with_data()
    {
        await AskAsync("overview: what is a mixture of experts?");
        var page = await fixture.OpenAsync("#/overview");

        await Expect(page.GetByTestId("card-requests").Locator(".value")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByTestId("card-latency").Locator(".value")).ToHaveTextAsync(new Regex(@"^\d+ ms$"));
        await Expect(page.GetByTestId("card-savings").Locator(".value")).ToHaveTextAsync(new Regex(@"^\$"));
        await page.WaitForFunctionAsync("() => Number(document.querySelector(\"[data-testid='chart-latency']\").dataset.points) > 0");
        Assert.Equal(0, await page.GetByTestId("error").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Sending_requests_moves_the_live_feed_and_charts()
    {
        var page = await fixture.OpenAsync("#/overview");
        await Expect(page.GetByTestId("stream-state")).ToHaveTextAsync("live");
        var before = int.Parse(await page.GetByTestId("chart-cost").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var requestIds = new List<string>();
        for (var i = 0; i < 3; i++) requestIds.Add(await AskAsync($"live feed request {i}: {Guid.NewGuid()}"));

        foreach (var id in requestIds)
            await Expect(page.GetByTestId("cost-feed").Locator("tbody tr", new() { HasText = id })).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector(\"[data-testid='chart-cost']\").dataset.points) >= n + 3", before);
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_experts_page_shows_its_calls()
    {
        var (status, body) = await fixture.AskAsync($"expert page: explain caching {Guid.NewGuid()}");
        Assert.Equal(200, status);
        var expert = body.GetProperty("model").GetString()!;
        var requestId = body.GetProperty("moecraft").GetProperty("request_id").GetString()!;

        var page = await fixture.OpenAsync("#/experts");
        await Expect(page.GetByTestId("experts-table")).ToContainTextAsync(expert);
        await page.GetByTestId("experts-table").GetByRole(AriaRole.Link, new() { Name = expert, Exact = true }).ClickAsync();
        await ConsoleSiloFixture.ReadyAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Expert {expert}" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("expert-calls").Locator(".value")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByTestId("expert-requests")).ToContainTextAsync(requestId);
        await Expect(page.GetByTestId("expert-in-flight").Locator(".value")).ToHaveTextAsync(new Regex(@"^\d+ / 32"));
        await Expect(page.GetByTestId("expert-circuit").Locator(".value")).ToHaveTextAsync("closed");
        // It answered, so the gate offered it: its predicted success is a percentage.
        await Expect(page.GetByTestId("expert-predicted").Locator(".value")).ToHaveTextAsync(new Regex(@"^\d+\.\d %$"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Halting_from_the_console_fails_the_next_request_with_the_reason_and_resuming_lifts_it()
    {
        const string reason = "console test: maintenance window";
        var page = await fixture.OpenAsync("#/kernel");
        try
        {
            await page.GetByTestId("halt-reason").FillAsync(reason);
            await page.GetByTestId("halt").ClickAsync();
            await Expect(page.GetByTestId("halt-state")).ToContainTextAsync("Halted");
            await Expect(page.GetByTestId("halted-banner")).ToContainTextAsync(reason);

            var (halted, refusal) = await fixture.AskAsync("while halted");
            Assert.Equal(503, halted);
            Assert.Contains(reason, refusal.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

            await page.GetByTestId("resume").ClickAsync();
            await Expect(page.GetByTestId("halt-state")).ToHaveTextAsync("Running");
            await Expect(page.GetByTestId("halted-banner")).ToBeHiddenAsync();
            var (resumed, _) = await fixture.AskAsync($"after resume {Guid.NewGuid()}");
            Assert.Equal(200, resumed);
        }
        finally
        {
            // Never leave the shared silo halted for the other tests, whatever failed above.
            using var resume = await fixture.Http.PostAsync("/moecraft/governance/resume", null);
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_non_admin_key_is_refused()
    {
        var tenant = $"console-{Guid.NewGuid():N}"[..20];
        using (var created = await fixture.Http.PostAsJsonAsync("/moecraft/tenants", new { id = tenant, budget = 10m }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var issued = await fixture.Http.PostAsJsonAsync("/moecraft/keys", new { tenant, name = "viewer" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        var page = await fixture.OpenAsync("#/overview");
        await page.Locator("#key").FillAsync(key);
        await page.Locator("#use-key").ClickAsync();
        await Expect(page.GetByTestId("refused")).ToContainTextAsync("not an admin key");
        Assert.Equal(0, await page.GetByTestId("overview-cards").CountAsync());
        await page.CloseAsync();

        // What the console would read, and the Orleans dashboard, refuse the key too: the endpoints decide, not the page.
        foreach (var path in new[] { "/moecraft/governance", "/moecraft/experts", "/dashboard/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    /// <summary>
    /// A few hundred chat requests through the seeded silo: shadow sampling (5 %) feeds the default router's coherence
    /// clocks, so <c>moecraft health</c> shows observed steps and numeric phi values, and the routers page shows the
    /// steps and charts them over time.
    /// </summary>
    [Fact]
    public async Task Chat_traffic_moves_the_router_coherence_in_the_cli_and_on_the_routers_page()
    {
        var run = Guid.NewGuid();
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await AskAsync($"coherence traffic {i} of {run}: how do experts agree?"));

        // Shadow answers run off the request path: the steps arrive shortly after the requests.
        var steps = await Eventually.Succeeds(async () =>
        {
            var health = await fixture.Http.GetFromJsonAsync<JsonElement>("/moecraft/routers/default/health");
            var observed = health.GetProperty("steps").GetInt64();
            return observed > 0 && health.GetProperty("experts").EnumerateArray().Any(e => e.GetProperty("phi").GetProperty("fast").ValueKind == JsonValueKind.Number)
                ? observed
                : throw new InvalidOperationException($"{observed} steps, phi {health.GetProperty("experts")}");
        }, TimeSpan.FromSeconds(30), "shadow traces on the default router");

        var cli = await DotnetCommand.CliAsync("--gateway-port", fixture.Silo.GatewayPort.ToString(CultureInfo.InvariantCulture), "health");
        Assert.True(cli.ExitCode == 0, cli.Error + cli.Output);
        var title = Regex.Match(cli.Output, @"Router default: epoch \d+, (?<steps>[\d,]+) steps observed");
        Assert.True(title.Success, cli.Output);
        Assert.True(long.Parse(title.Groups["steps"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) >= steps, cli.Output);
        Assert.Matches(@"\b\d\.\d{3} / ", cli.Output);

        // The routers page reads the history once: wait for the snapshot that follows the steps (one a second here).
        await Eventually.Succeeds(async () =>
        {
            var history = await fixture.Http.GetFromJsonAsync<JsonElement>("/moecraft/routers/default/health/history");
            return history.GetProperty("snapshots").EnumerateArray().Any(s => s.GetProperty("steps").GetInt64() > 0)
                ? history
                : throw new InvalidOperationException("no snapshot with steps yet");
        }, TimeSpan.FromSeconds(30), "a health snapshot after the traffic");

        var page = await fixture.OpenAsync("#/routers/default");
        await Expect(page.GetByTestId("card-steps").Locator(".value")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByTestId("router-health")).ToContainTextAsync(new Regex(@"\d\.\d{3} / "));
        await page.WaitForFunctionAsync("() => Number(document.querySelector(\"[data-testid='history-phi']\").dataset.points) > 0");
        await Expect(page.GetByTestId("epochs")).ToContainTextAsync("configured");
        Assert.Equal(0, await page.GetByTestId("error").CountAsync());
        await page.CloseAsync();
    }

    /// <summary>
    /// Visits every main page and checks each renders without an error. With MOECRAFT_CONSOLE_SCREENSHOTS set to a
    /// folder (the README's command uses docs/console), a screenshot of each page is written there.
    /// </summary>
    [Fact]
    public async Task Every_main_page_renders_without_errors()
    {
        for (var i = 0; i < 6; i++) await AskAsync($"screenshot traffic {i}: {Guid.NewGuid()}");
        var folder = Environment.GetEnvironmentVariable("MOECRAFT_CONSOLE_SCREENSHOTS");
        foreach (var name in new[] { "overview", "experts", "tenants", "kernel", "routers", "federation" })
        {
            var page = await fixture.OpenAsync("#/" + name);
            Assert.Equal(name, await page.Locator("body").GetAttributeAsync("data-page"));
            Assert.Equal(0, await page.GetByTestId("error").CountAsync());
            if (name == "overview")
            {
                await Expect(page.GetByTestId("stream-state")).ToHaveTextAsync("live");
                for (var i = 0; i < 4; i++) await AskAsync($"live for the picture {i}: {Guid.NewGuid()}");
                await Expect(page.GetByTestId("cost-feed").Locator("tbody tr")).ToHaveCountAsync(4);
            }
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
            }
            await page.CloseAsync();
        }
    }

    private async Task<string> AskAsync(string prompt)
    {
        var (status, body) = await fixture.AskAsync(prompt);
        Assert.True(status == 200, $"The request failed with {status}: {body}");
        return body.GetProperty("moecraft").GetProperty("request_id").GetString()!;
    }
}

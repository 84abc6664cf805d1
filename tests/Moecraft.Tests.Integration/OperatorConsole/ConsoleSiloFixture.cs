using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.OperatorConsole;

/// <summary>
/// One real silo process (embedded SQLite, seeded simulated experts, open local access) and one headless chromium,
/// shared by the console's browser tests. The browser is Debian's chromium (<see cref="ChromiumPath"/>): Playwright's
/// own browser download is not used.
/// </summary>
public sealed class ConsoleSiloFixture : IAsyncLifetime
{
    /// <summary>Where the browser is: <c>MOECRAFT_CHROMIUM</c>, else Debian's package (<c>apt-get install chromium</c>).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("MOECRAFT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly TempDirectory _data = new("moecraft-console");
    private SiloProcess? _silo;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>An HTTP client on the silo without a credential: open local access makes it the local operator.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No chromium at {ChromiumPath}: install Debian's 'chromium' package (.ci/run does) or set MOECRAFT_CHROMIUM.");
        // Routers take a health snapshot every second (a minute by default), so the routers page's charts fill during a test.
        _silo = await SiloProcess.StartAsync(_data.Path, FreePorts.Take(3), "--Moecraft:Routers:HealthHistoryPeriod=00:00:01");
        Http = new HttpClient { BaseAddress = _silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Tests may run as root (containers, CI), where chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page (own session storage) at 1280x900, opened on the console at <paramref name="hash"/>.</summary>
    public async Task<IPage> OpenAsync(string hash = "#/overview")
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(new Uri(Silo.BaseAddress, "/console/" + hash).ToString());
        await ReadyAsync(page);
        return page;
    }

    /// <summary>Waits until the console has rendered its current page; a page that never does fails with what it shows.</summary>
    public static async Task ReadyAsync(IPage page)
    {
        try
        {
            await page.WaitForSelectorAsync("body[data-ready='true'], [data-testid='refused']");
        }
        catch (Exception timeout) when (timeout is TimeoutException or PlaywrightException)
        {
            throw new InvalidOperationException($"The console did not render {page.Url}; it shows: {await page.InnerTextAsync("main")}");
        }
    }

    /// <summary>Sends one chat request through /v1 as the local tenant; answers the status and the body.</summary>
    public async Task<(int Status, JsonElement Body)> AskAsync(string prompt)
    {
        var body = JsonSerializer.Serialize(new { model = "moecraft/auto", messages = new[] { new { role = "user", content = prompt } } });
        using var response = await Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, json);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleSiloCollection : ICollectionFixture<ConsoleSiloFixture>
{
    public const string Name = "Operator console in a browser";
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Hosting.Seeding;

namespace Moecraft.Tests.Api;

/// <summary>The official OpenAI JavaScript SDK (npm <c>openai</c>, run by node) against a real silo's <c>/v1</c>.</summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class OpenAiJavaScriptSdkTests(OpenAiSiloFixture fixture)
{
    private const string SdkVersion = "5.23.2";

    // No key is sent (open local access refuses a presented key it cannot verify): the SDK takes a fetch that drops it.
    private const string Script = """
        import OpenAI from 'openai';
        const fetchWithoutKey = (url, init = {}) => {
          const headers = new Headers(init.headers);
          headers.delete('authorization');
          return fetch(url, { ...init, headers });
        };
        const client = new OpenAI({ apiKey: 'unused', baseURL: process.env.MOECRAFT_V1, fetch: fetchWithoutKey, maxRetries: 0 });
        const messages = [{ role: 'user', content: 'Hello from JavaScript: what does a router do?' }];
        const out = {};

        // Each failure as the SDK's own error class, with the status, code and headers it carries.
        const failure = async (call) => {
          try { await call(); return null; }
          catch (e) { return { kind: e.constructor.name, status: e.status ?? null, code: e.code ?? null, retryAfter: e.headers?.get?.('retry-after') ?? null }; }
        };
        const withKey = (key) => new OpenAI({ apiKey: key, baseURL: process.env.MOECRAFT_V1, maxRetries: 0 });
        if (process.env.MOECRAFT_ONLY === 'halted') {
          out.halted = await failure(() => client.chat.completions.create({ model: 'moecraft/auto', messages }));
          console.log(JSON.stringify(out));
          process.exit(0);
        }

        const chat = await client.chat.completions.create({ model: 'moecraft/auto', messages });
        out.chat = { id: chat.id, model: chat.model, content: chat.choices[0].message.content, finish: chat.choices[0].finish_reason,
                     total: chat.usage.total_tokens, requestId: chat.moecraft?.request_id ?? null };

        const stream = await client.chat.completions.create({ model: 'moecraft/auto', messages, stream: true, stream_options: { include_usage: true } });
        let text = '', finish = null, completionTokens = 0, chunks = 0;
        for await (const chunk of stream) {
          chunks++;
          for (const choice of chunk.choices) { text += choice.delta?.content ?? ''; finish = choice.finish_reason ?? finish; }
          if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
        }
        out.stream = { text, finish, completionTokens, chunks };

        out.models = [];
        for await (const model of client.models.list()) out.models.push(model.id);

        out.error = await failure(() => client.chat.completions.create({ model: 'no-such-model', messages }));
        out.badRequest = await failure(() => client.chat.completions.create({ model: 'moecraft/auto', messages, n: 2 }));
        out.badKey = await failure(() => withKey('mc-this-key-was-never-issued-0000000000000').chat.completions.create({ model: 'moecraft/auto', messages }));
        const limited = withKey(process.env.MOECRAFT_KEY_ONE_PER_MINUTE);
        out.firstOfLimited = await failure(() => limited.chat.completions.create({ model: 'moecraft/auto', messages }));
        out.rateLimited = await failure(() => limited.chat.completions.create({ model: 'moecraft/auto', messages }));
        out.budget = await failure(() => withKey(process.env.MOECRAFT_KEY_NO_BUDGET).chat.completions.create({ model: 'moecraft/auto', messages }));
        console.log(JSON.stringify(out));
        """;

    [Fact]
    public async Task The_official_OpenAI_JavaScript_SDK_chats_streams_lists_models_and_raises_its_own_error_types()
    {
        var directory = await InstallSdkAsync();
        var script = Path.Combine(directory, "moecraft-sdk-check.mjs");
        await File.WriteAllTextAsync(script, Script);
        var environment = new Dictionary<string, string>
        {
            ["MOECRAFT_V1"] = fixture.V1.ToString(),
            ["MOECRAFT_KEY_ONE_PER_MINUTE"] = await IssueKeyAsync(budget: 10m, requestsPerMinute: 1),
            ["MOECRAFT_KEY_NO_BUDGET"] = await IssueKeyAsync(budget: 0.000001m, requestsPerMinute: 60),
        };

        var (exitCode, output, error) = await RunAsync("node", [script], directory, environment, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, $"node failed ({exitCode}):\n{error}\n{output}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var experts = DemoExperts.All.Select(e => e.Id).ToArray();

        var chat = result.GetProperty("chat");
        Assert.StartsWith("[simulated ", chat.GetProperty("content").GetString());
        Assert.Contains(chat.GetProperty("model").GetString(), experts);
        Assert.Equal("stop", chat.GetProperty("finish").GetString());
        Assert.True(chat.GetProperty("total").GetInt64() > 0);
        Assert.Equal(chat.GetProperty("id").GetString(), chat.GetProperty("requestId").GetString());

        var stream = result.GetProperty("stream");
        Assert.StartsWith("[simulated ", stream.GetProperty("text").GetString());
        Assert.Equal("stop", stream.GetProperty("finish").GetString());
        Assert.True(stream.GetProperty("completionTokens").GetInt64() > 0);

        var models = result.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("moecraft/auto", models);
        Assert.All(experts, id => Assert.Contains(id, models));

        AssertFailure(result, "error", "NotFoundError", 404, "model_not_found");
        AssertFailure(result, "badRequest", "BadRequestError", 400);
        AssertFailure(result, "badKey", "AuthenticationError", 401, "invalid_api_key");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("firstOfLimited").ValueKind);
        AssertFailure(result, "rateLimited", "RateLimitError", 429, "rate_limit_exceeded");
        Assert.True(int.Parse(result.GetProperty("rateLimited").GetProperty("retryAfter").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        AssertFailure(result, "budget", "RateLimitError", 429, "insufficient_quota");
    }

    [Fact]
    public async Task The_official_OpenAI_JavaScript_SDK_sees_a_halted_cluster_as_a_503_with_the_halts_reason()
    {
        var directory = await InstallSdkAsync();
        var script = Path.Combine(directory, "moecraft-sdk-check.mjs");
        await File.WriteAllTextAsync(script, Script);
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        (await http.PostAsJsonAsync("/moecraft/governance/halt", new { reason = "javascript sdk check" })).EnsureSuccessStatusCode();
        try
        {
            var (exitCode, output, error) = await RunAsync(
                "node", [script], directory, new() { ["MOECRAFT_V1"] = fixture.V1.ToString(), ["MOECRAFT_ONLY"] = "halted" }, TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"node failed ({exitCode}):\n{error}\n{output}");
            var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            AssertFailure(result, "halted", "InternalServerError", 503, "cluster_halted");
        }
        finally
        {
            (await http.PostAsJsonAsync("/moecraft/governance/resume", new { reason = "javascript sdk check done" })).EnsureSuccessStatusCode();
        }
    }

    private static void AssertFailure(JsonElement result, string name, string kind, int status, string? code = null)
    {
        var failure = result.GetProperty(name);
        Assert.True(failure.ValueKind == JsonValueKind.Object, $"{name}: the SDK raised nothing");
        Assert.Equal((kind, status), (failure.GetProperty("kind").GetString(), failure.GetProperty("status").GetInt32()));
        if (code is not null) Assert.Equal(code, failure.GetProperty("code").GetString());
    }

    /// <summary>A new tenant with this budget and a key of it, issued through the management API (loopback: the local admin).</summary>
    private async Task<string> IssueKeyAsync(decimal budget, int requestsPerMinute)
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        var tenant = $"js-{Guid.NewGuid():n}"[..16];
        (await http.PostAsJsonAsync("/moecraft/tenants", new { id = tenant, budget })).EnsureSuccessStatusCode();
        var issued = await http.PostAsJsonAsync("/moecraft/keys", new { tenant, name = "js", requestsPerMinute });
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>npm's <c>openai</c> in a folder under the test output, installed once and reused by later runs.</summary>
    private static async Task<string> InstallSdkAsync()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "npm", $"openai-{SdkVersion}");
        if (File.Exists(Path.Combine(directory, "node_modules", "openai", "package.json"))) return directory;
        Directory.CreateDirectory(directory);
        var (exitCode, output, error) = await RunAsync(
            "npm", ["install", "--prefix", directory, "--no-audit", "--no-fund", "--loglevel=error", $"openai@{SdkVersion}"], directory, [], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"npm install openai@{SdkVersion} failed ({exitCode}):\n{error}\n{output}");
        return directory;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string file, string[] arguments, string directory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, await output, await error);
    }
}

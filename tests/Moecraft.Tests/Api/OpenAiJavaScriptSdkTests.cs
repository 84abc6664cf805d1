using System.Diagnostics;
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

        try {
          await client.chat.completions.create({ model: 'no-such-model', messages });
          out.error = null;
        } catch (e) {
          out.error = { status: e.status ?? null, code: e.code ?? null, type: e.type ?? null };
        }
        console.log(JSON.stringify(out));
        """;

    [Fact]
    public async Task The_official_OpenAI_JavaScript_SDK_chats_streams_lists_models_and_sees_a_404()
    {
        var directory = await InstallSdkAsync();
        var script = Path.Combine(directory, "moecraft-sdk-check.mjs");
        await File.WriteAllTextAsync(script, Script);

        var (exitCode, output, error) = await RunAsync("node", [script], directory, new() { ["MOECRAFT_V1"] = fixture.V1.ToString() }, TimeSpan.FromSeconds(90));

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

        var notFound = result.GetProperty("error");
        Assert.Equal(404, notFound.GetProperty("status").GetInt32());
        Assert.Equal("model_not_found", notFound.GetProperty("code").GetString());
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

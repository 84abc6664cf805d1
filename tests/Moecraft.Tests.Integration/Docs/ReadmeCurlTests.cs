using System.Diagnostics;
using System.Text.Json.Nodes;
using Moecraft.Tests.Api;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Docs;

/// <summary>The README's curl examples for the OpenAI-compatible API, run as written against the real silo (only the port differs).</summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class ReadmeCurlTests(OpenAiSiloFixture fixture)
{
    [Fact]
    public async Task The_READMEs_curl_examples_answer_with_OpenAI_shaped_bodies()
    {
        var commands = CurlCommands();
        Assert.True(commands.Count >= 4, $"the README shows {commands.Count} curl commands in its OpenAI section");

        foreach (var command in commands)
        {
            var (exitCode, output) = await RunAsync(command.Replace("http://localhost:5080", fixture.Silo.BaseAddress.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal));

            Assert.True(exitCode == 0, $"curl failed ({exitCode}): {command}\n{output}");
            if (command.Contains("\"stream\":true", StringComparison.Ordinal))
            {
                Assert.EndsWith("data: [DONE]", output.TrimEnd());
                continue;
            }
            var body = JsonNode.Parse(output)!.AsObject();
            Assert.False(body.ContainsKey("error"), $"{command}\n{output}");
            Assert.Contains((string?)body["object"], new[] { "chat.completion", "list" });
        }
    }

    /// <summary>The curl commands of the first code block after "Use it from any OpenAI SDK": a command runs until the next line that starts one.</summary>
    private static List<string> CurlCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Use it from any OpenAI SDK", StringComparison.Ordinal)..];
        var start = section.IndexOf("```\ncurl", StringComparison.Ordinal) + 4;
        var block = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        var commands = new List<string>();
        foreach (var line in block.Split('\n').Where(l => l.Trim().Length > 0))
        {
            if (line.StartsWith("curl ", StringComparison.Ordinal)) commands.Add(line);
            else commands[^1] += "\n" + line;
        }
        return commands;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

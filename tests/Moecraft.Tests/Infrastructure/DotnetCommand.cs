using System.Diagnostics;

namespace Moecraft.Tests.Infrastructure;

/// <summary>Runs <c>dotnet</c> with arguments (the built CLI, <c>dotnet publish</c>) and captures what it prints.</summary>
public static class DotnetCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["COLUMNS"] = "200";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The <c>moecraft</c> CLI as a user runs it.</summary>
    public static Task<Result> CliAsync(params string[] arguments) =>
        RunAsync([RepositoryPaths.CliAssembly, .. arguments], TimeSpan.FromSeconds(60));
}

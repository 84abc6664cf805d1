using System.Diagnostics;

namespace Moecraft.Tests.Infrastructure;

/// <summary>Runs <c>dotnet</c> with arguments (the built CLI, <c>dotnet publish</c>) and captures what it prints.</summary>
public static class DotnetCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync(arguments, timeout, new Dictionary<string, string>());

    /// <param name="environment">Variables set for the process on top of the defaults (COLUMNS=200 unless given).</param>
    public static async Task<Result> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment) start.Environment[name] = value;

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

    /// <summary>The <c>moecraft</c> CLI with its output redirected to a terminal <paramref name="columns"/> wide ($COLUMNS).</summary>
    public static Task<Result> CliAsync(int columns, params string[] arguments) =>
        RunAsync([RepositoryPaths.CliAssembly, .. arguments], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}

using System.ComponentModel;
using System.Diagnostics;

namespace Moecraft.Tests.Deployment;

/// <summary>A docker-compose command line found on PATH: the standalone docker-compose, else the docker compose plugin.</summary>
internal sealed class ComposeCli
{
    private readonly string _file;
    private readonly string[] _prefix;

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    private ComposeCli(string file, params string[] prefix)
    {
        _file = file;
        _prefix = prefix;
    }

    public string Describe() => string.Join(' ', new[] { _file }.Concat(_prefix));

    /// <summary>docker-compose (v1 or v2 standalone), else the docker compose plugin, else null.</summary>
    public static ComposeCli? Find(string workingDirectory)
    {
        foreach (var candidate in new[] { new ComposeCli("docker-compose"), new ComposeCli("docker", "compose") })
        {
            if (candidate.TryRun(workingDirectory, out var result, "version") && result.ExitCode == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    public Result Run(string workingDirectory, params string[] args) =>
        TryRun(workingDirectory, out var result, args)
            ? result
            : throw new InvalidOperationException($"{Describe()} disappeared from PATH");

    private bool TryRun(string workingDirectory, out Result result, params string[] args)
    {
        var info = new ProcessStartInfo(_file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in _prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception)
        {
            result = new Result(-1, string.Empty, string.Empty);
            return false;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Describe()} {string.Join(' ', args)} ran past 60 s");
            }

            result = new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
            return true;
        }
    }
}

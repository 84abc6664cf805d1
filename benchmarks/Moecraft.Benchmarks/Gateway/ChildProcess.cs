using System.Diagnostics;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// A process the benchmark starts (node, the silo, npm): its output is drained as it comes (a full pipe would stall it)
/// and its last lines are kept for error messages; disposing kills it and its children.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ChildProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The processor time it has used so far (user and kernel, all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The last lines it printed (stdout and stderr together).</summary>
    public string Output
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Once it has exited: "<paramref name="name"/> exited with code N:" and its last lines. The exit can be seen before the
    /// last lines are read, so this waits for the end of its output first.
    /// </summary>
    public async Task<string> ExitReportAsync(string name)
    {
        await _process.WaitForExitAsync();
        return $"{name} exited with code {ExitCode}:\n{Output}";
    }

    /// <summary>Runs a command to its end; its exit code and last lines.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        await using var child = Start(fileName, arguments, workingDirectory);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await child._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return (-1, $"{fileName} did not finish within {timeout.TotalSeconds:0} s\n{child.Output}");
        }
        return (child.ExitCode, child.Output);
    }

    /// <summary>Whether <paramref name="fileName"/> is on the PATH.</summary>
    public static bool OnPath(string fileName) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, fileName)));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines) _lines.Dequeue();
        }
    }
}

using System.Diagnostics;
using System.Text;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Host;

/// <summary>The built silo executable running as its own process on free loopback ports, as an operator starts it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly SiloLaunch _launch;

    private SiloProcess(Process process, SiloLaunch launch)
    {
        _process = process;
        _launch = launch;
    }

    /// <summary>
    /// Tests of everything but the model run the hashing embedder: no model to load per silo, microseconds a prompt instead
    /// of milliseconds.
    /// </summary>
    public const string HashingEmbedder = "--Moecraft:Embeddings:Embedder=hashing";

    /// <summary>The product's default embedder, the sentence model in process (for tests of the default as users run it).</summary>
    public const string ModelEmbedder = "--Moecraft:Embeddings:Embedder=minilm";

    public int HttpPort => _launch.HttpPort;

    public int GatewayPort => _launch.GatewayPort;

    public bool HasExited => _process.HasExited;

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    private int _disposed;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Starts the built silo with only a data directory, ports and the hashing embedder set: everything else is the embedded
    /// default. A test of the default embedder passes <see cref="ModelEmbedder"/> (extra arguments come last and win).
    /// </summary>
    public static Task<SiloProcess> StartAsync(string dataDirectory, int[] ports, params string[] extraArguments) =>
        StartAsync(RepositoryPaths.SiloAssembly, httpPort: ports[0], gatewayPort: ports[2],
            [
                $"--Urls=http://127.0.0.1:{ports[0]}",
                $"--Moecraft:Storage:DataDirectory={dataDirectory}",
                $"--Moecraft:Endpoints:SiloPort={ports[1]}",
                $"--Moecraft:Endpoints:GatewayPort={ports[2]}",
                "--Moecraft:NodeName=process-test",
                HashingEmbedder,
                .. extraArguments,
            ],
            new Dictionary<string, string>());

    /// <summary>
    /// Starts a node of a PostgreSQL cluster as docker-compose runs one: its own name, key file (under
    /// <paramref name="root"/>/<paramref name="node"/>) and free ports, no seeding; <paramref name="extraArguments"/> last.
    /// Starting it again with the same arguments brings the same node (name and key) back.
    /// </summary>
    public static Task<SiloProcess> StartNodeAsync(string node, string connectionString, string root, params string[] extraArguments)
    {
        var ports = FreePorts.Take(3);
        var directory = Path.Combine(root, node);
        Directory.CreateDirectory(directory);
        return StartAsync(RepositoryPaths.SiloAssembly, httpPort: ports[0], gatewayPort: ports[2],
            [
                $"--Urls=http://127.0.0.1:{ports[0]}",
                $"--Moecraft:NodeName={node}",
                "--Moecraft:Storage:Provider=PostgreSql",
                $"--Moecraft:Storage:ConnectionString={connectionString}",
                $"--Moecraft:Storage:DataDirectory={directory}",
                $"--Moecraft:Identity:KeyFile={Path.Combine(directory, "node.key")}",
                $"--Moecraft:Endpoints:SiloPort={ports[1]}",
                $"--Moecraft:Endpoints:GatewayPort={ports[2]}",
                "--Moecraft:Seed:Enabled=false",
                HashingEmbedder,
                .. extraArguments,
            ],
            new Dictionary<string, string>());
    }

    /// <summary>Starts a silo assembly with the given arguments and environment and waits until /health answers.</summary>
    public static Task<SiloProcess> StartAsync(
        string assembly, int httpPort, int gatewayPort, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(new SiloLaunch(assembly, httpPort, gatewayPort, [.. arguments], environment));

    /// <summary>
    /// Starts this silo again as it was started the first time (same assembly, ports, arguments, environment, so the
    /// same node name and data): a restart after <see cref="KillAsync"/> or a graceful stop.
    /// </summary>
    public Task<SiloProcess> StartAgainAsync() =>
        _process.HasExited
            ? StartAsync(_launch)
            : throw new InvalidOperationException($"The silo (process {_process.Id}) is still running; stop or kill it first.");

    /// <summary>
    /// kill -9: the process ends at once, as in a crash or an out-of-memory kill. Nothing is flushed, no membership row
    /// says goodbye, and its connections drop; the cluster has to find out by itself.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(); // SIGKILL on Linux: no handler runs in the silo.
        await _process.WaitForExitAsync();
    }

    private static async Task<SiloProcess> StartAsync(SiloLaunch launch)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(launch.Assembly);
        foreach (var argument in launch.Arguments) start.ArgumentList.Add(argument);
        // Export metrics every second instead of every minute, so a test can see them.
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, launch);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await silo.DisposeAsync(); // never leave a half-started silo running
            throw;
        }
        return silo;
    }

    /// <summary>Asks the silo to stop as Ctrl+C or `docker stop` would (SIGTERM) and waits for a clean exit.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed.");
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a test that disposed a silo before starting it again disposes it once more in its finally when the
        // restart failed, and that must not hide the restart's own error.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // The exit can be seen before the last lines of its output are read: wait for the pipes' end first.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet (or another process holds the port): the process's exit or the deadline decides.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The silo was not healthy within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private sealed record SiloLaunch(
        string Assembly, int HttpPort, int GatewayPort, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
}

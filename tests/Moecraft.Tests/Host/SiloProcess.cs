using System.Diagnostics;
using System.Text;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Host;

/// <summary>The built silo executable running as its own process on free loopback ports, as an operator starts it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
    }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the built silo with only a data directory and ports set: everything else is the embedded default.</summary>
    public static Task<SiloProcess> StartAsync(string dataDirectory, int[] ports, params string[] extraArguments) =>
        StartAsync(RepositoryPaths.SiloAssembly, httpPort: ports[0], gatewayPort: ports[2],
            [
                $"--Urls=http://127.0.0.1:{ports[0]}",
                $"--Moecraft:Storage:DataDirectory={dataDirectory}",
                $"--Moecraft:Endpoints:SiloPort={ports[1]}",
                $"--Moecraft:Endpoints:GatewayPort={ports[2]}",
                "--Moecraft:NodeName=process-test",
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
                .. extraArguments,
            ],
            new Dictionary<string, string>());
    }

    /// <summary>Starts a silo assembly with the given arguments and environment and waits until /health answers.</summary>
    public static async Task<SiloProcess> StartAsync(
        string assembly, int httpPort, int gatewayPort, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Export metrics every second instead of every minute, so a test can see them.
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, httpPort, gatewayPort);
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
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
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
}

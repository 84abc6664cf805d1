using Moecraft.Benchmarks.Gateway;

namespace Moecraft.Benchmarks;

/// <summary>
/// The built silo started as an operator starts it: its own process on free loopback ports, a temporary data directory
/// (SQLite, its key), no demo experts, warnings only in its output; <paramref name="arguments"/> come last and win.
/// Disposing kills it and deletes the directory.
/// </summary>
internal sealed class SiloNodeProcess : IAsyncDisposable
{
    private readonly ChildProcess _silo;
    private readonly string _dataDirectory;

    private SiloNodeProcess(ChildProcess silo, string dataDirectory, int httpPort, int gatewayPort)
    {
        (_silo, _dataDirectory, HttpPort, GatewayPort) = (silo, dataDirectory, httpPort, gatewayPort);
    }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>The size of the files in its data directory other than its key, in bytes (the SQLite database and its journal).</summary>
    public long DatabaseBytes() =>
        Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".key", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);

    /// <summary>The processor time the silo process has used so far.</summary>
    public TimeSpan ProcessorTime => _silo.ProcessorTime;

    /// <summary>The silo's last lines (warnings and errors only).</summary>
    public string Output => _silo.Output;

    public static async Task<SiloNodeProcess> StartAsync(string assembly, string nodeName, params string[] arguments)
    {
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var data = Path.Combine(Path.GetTempPath(), $"moecraft-bench-{nodeName}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var silo = ChildProcess.Start("dotnet",
            [
                assembly,
                $"--Urls=http://127.0.0.1:{httpPort}",
                $"--Moecraft:Storage:DataDirectory={data}",
                $"--Moecraft:Endpoints:SiloPort={siloPort}",
                $"--Moecraft:Endpoints:GatewayPort={gatewayPort}",
                $"--Moecraft:NodeName={nodeName}",
                "--Moecraft:Seed:Enabled=false",
                // Console logging per request would be measured too; warnings still show in the kept output.
                "--Logging:LogLevel:Default=Warning",
                .. arguments,
            ]);
        var process = new SiloNodeProcess(silo, data, httpPort, gatewayPort);
        try
        {
            await process.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held a moment after the kill: the temporary folder is left behind.
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(BaseAddress, "/health");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_silo.HasExited) throw new InvalidOperationException(await _silo.ExitReportAsync("The silo"));
            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The silo was not healthy within {timeout.TotalSeconds:0} s:\n{_silo.Output}");
    }
}

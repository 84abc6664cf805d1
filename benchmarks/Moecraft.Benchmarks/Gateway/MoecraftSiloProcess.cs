using Moecraft.Client;
using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// The built silo as an operator starts it, on free loopback ports with a temporary data directory and no demo experts,
/// whose default router holds one OpenAI-compatible expert pointed at the upstream (registered through the client SDK),
/// so <c>model</c> = the expert id and <c>moecraft/auto</c> both end at the upstream.
/// </summary>
internal sealed class MoecraftSiloProcess : IAsyncDisposable
{
    public const string ExpertId = "bench-upstream";

    private readonly ChildProcess _silo;
    private readonly string _dataDirectory;

    private MoecraftSiloProcess(ChildProcess silo, string dataDirectory, int httpPort)
    {
        _silo = silo;
        _dataDirectory = dataDirectory;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    /// <summary>The silo's last lines (warnings and errors only: it logs at Warning).</summary>
    public string Output => _silo.Output;

    public ArmTarget Target(string arm) =>
        ArmTarget.Plain(arm, $"http://127.0.0.1:{HttpPort}/v1", arm == GatewayArms.MoecraftAuto ? GatewayArms.AutoModel : ExpertId);

    public static async Task<MoecraftSiloProcess> StartAsync(string? siloAssembly, ZeroLatencyUpstream upstream)
    {
        var assembly = siloAssembly ?? await BuiltSiloAsync();
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var data = Path.Combine(Path.GetTempPath(), $"moecraft-gateway-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var silo = ChildProcess.Start("dotnet",
            [
                assembly,
                $"--Urls=http://127.0.0.1:{httpPort}",
                $"--Moecraft:Storage:DataDirectory={data}",
                $"--Moecraft:Endpoints:SiloPort={siloPort}",
                $"--Moecraft:Endpoints:GatewayPort={gatewayPort}",
                "--Moecraft:NodeName=gateway-bench",
                "--Moecraft:Seed:Enabled=false",
                // Console logging per request would be measured too; warnings still show in the kept output.
                "--Logging:LogLevel:Default=Warning",
            ]);
        var process = new MoecraftSiloProcess(silo, data, httpPort);
        try
        {
            await process.WaitHealthyAsync(TimeSpan.FromSeconds(120));
            await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [gatewayPort] });
            // One expert: top-1 (the default top-2 cannot select from one active slot).
            await client.ConfigureRouterAsync(ClusterSeed.DefaultRouterId, RouterConfiguration.Default with { TopK = 1 });
            await client.RegisterExpertAsync(new ExpertDefinition(
                ExpertId, BackendKind.OpenAiCompatible, ZeroLatencyUpstream.Model, upstream.BaseAddress,
                new ExpertPricing(0.1m, 0.4m), ExpertTier.Local, ["chat"], Simulation: null));
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

    /// <summary>The repository's Release silo, built first when it is missing.</summary>
    private static async Task<string> BuiltSiloAsync()
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException("Run from inside the repository, or pass --silo <Moecraft.Silo.dll>.");
        var assembly = Path.Combine(root, "silo", "bin", "Release", "net10.0", "Moecraft.Silo.dll");
        if (File.Exists(assembly)) return assembly;
        Console.WriteLine($"building the silo (Release): {assembly} is missing");
        var (exitCode, output) = await ChildProcess.RunAsync(
            "dotnet", ["build", Path.Combine(root, "silo", "Moecraft.Silo.csproj"), "-c", "Release", "-v", "q"], TimeSpan.FromMinutes(15), root);
        return exitCode == 0 && File.Exists(assembly) ? assembly : throw new InvalidOperationException($"Building the silo failed ({exitCode}):\n{output}");
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Moecraft.sln"))) return directory.FullName;
        return null;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{HttpPort}/health");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_silo.HasExited) throw new InvalidOperationException($"The silo exited with code {_silo.ExitCode}:\n{_silo.Output}");
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

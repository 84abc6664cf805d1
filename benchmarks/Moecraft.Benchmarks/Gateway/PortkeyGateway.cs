using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// The Portkey AI gateway (npm <c>@portkey-ai/gateway</c>) as its package starts it, <c>node build/start-server.js
/// --port=N --headless</c>, routed to the upstream with <c>x-portkey-provider: openai</c> and
/// <c>x-portkey-custom-host</c>. The package is installed once into <c>&lt;out&gt;/node_modules-cache</c>.
/// </summary>
internal sealed class PortkeyGateway : IAsyncDisposable
{
    public const string Package = "@portkey-ai/gateway";
    public const string Version = "1.15.2";

    // Loaded with --require before the server. (1) The server listens on every interface (it passes no host to listen):
    // a listen without a host is pinned to loopback, so the benchmark opens nothing beyond this machine. (2) On Node 20+
    // a streamed answer fails with "TypeError: immutable" (Portkey issues #1389, #1550): the gateway appends its x-portkey-*
    // headers to the upstream fetch response's headers, which fetch makes immutable. An event stream from fetch is
    // re-wrapped with a copy of its headers, as Portkey's own fix (#1551) does; plain answers are left untouched.
    private const string Preload = """
        const net = require('net');
        const listen = net.Server.prototype.listen;
        net.Server.prototype.listen = function (...args) {
          if (typeof args[0] === 'number') {
            if (args[1] === undefined || args[1] === null) args[1] = '127.0.0.1';
            else if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
          }
          return listen.apply(this, args);
        };
        const NativeResponse = globalThis.Response;
        const nativeFetch = globalThis.fetch;
        globalThis.fetch = async function (...args) {
          const response = await nativeFetch.apply(this, args);
          if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) return response;
          return new NativeResponse(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
        };
        """;

    private readonly ChildProcess _node;

    private PortkeyGateway(ChildProcess node, int port)
    {
        _node = node;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The node that runs the gateway, as <c>node --version</c> prints it.</summary>
    public string NodeVersion { get; private init; } = "?";

    public ArmTarget Target(ZeroLatencyUpstream upstream) =>
        new(GatewayArms.Portkey, new Uri($"http://127.0.0.1:{Port}/v1/chat/completions"), ZeroLatencyUpstream.Model,
            [new("x-portkey-provider", "openai"), new("x-portkey-custom-host", upstream.BaseAddress), new("Authorization", "Bearer sk-bench")],
            $"{Package}@{Version} under node {NodeVersion}, streams through the immutable-headers shim (Portkey #1550)");

    /// <summary>Installs the package when the cache lacks it and starts the server; null with the reason when npm or node is missing.</summary>
    public static async Task<(PortkeyGateway? Gateway, string? Unavailable)> StartAsync(string cacheDirectory)
    {
        // node runs inside the cache folder, so every path it is given must be absolute.
        cacheDirectory = Path.GetFullPath(cacheDirectory);
        if (!ChildProcess.OnPath("node") || !ChildProcess.OnPath("npm")) return (null, "node and npm are needed");
        var package = Path.Combine(cacheDirectory, "node_modules", "@portkey-ai", "gateway");
        if (!IsInstalled(package))
        {
            Console.WriteLine($"installing npm {Package}@{Version} into {cacheDirectory}");
            await InstallAsync(cacheDirectory);
        }
        var preload = Path.Combine(cacheDirectory, "portkey-preload.cjs");
        await File.WriteAllTextAsync(preload, Preload);

        var port = FreePort.Next();
        var node = ChildProcess.Start("node", ["--require", preload, Path.Combine(package, "build", "start-server.js"), $"--port={port}", "--headless"], cacheDirectory);
        var (_, version) = await ChildProcess.RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
        var gateway = new PortkeyGateway(node, port) { NodeVersion = version.Trim() };
        try
        {
            await gateway.WaitListeningAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return (gateway, null);
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    private static bool IsInstalled(string package)
    {
        var manifest = Path.Combine(package, "package.json");
        if (!File.Exists(manifest) || !File.Exists(Path.Combine(package, "build", "start-server.js"))) return false;
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty("version", out var version) && version.GetString() == Version;
    }

    /// <summary>Installs into a fresh folder beside the cache and moves it into place, so an interrupted install never looks installed.</summary>
    private static async Task InstallAsync(string cacheDirectory)
    {
        var staging = $"{cacheDirectory}.installing-{Environment.ProcessId}";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var (exitCode, output) = await ChildProcess.RunAsync(
            "npm", ["install", "--prefix", staging, "--no-audit", "--no-fund", "--loglevel=error", $"{Package}@{Version}"], TimeSpan.FromMinutes(5), staging);
        if (exitCode != 0)
        {
            Directory.Delete(staging, recursive: true);
            throw new InvalidOperationException($"npm install {Package}@{Version} failed ({exitCode}):\n{output}");
        }
        if (Directory.Exists(cacheDirectory)) Directory.Delete(cacheDirectory, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheDirectory))!);
        Directory.Move(staging, cacheDirectory);
    }

    private async Task WaitListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_node.HasExited) throw new InvalidOperationException(await _node.ExitReportAsync("The Portkey gateway"));
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100); // not listening yet
            }
        }
        throw new TimeoutException($"The Portkey gateway did not listen on port {Port} within {timeout.TotalSeconds:0} s:\n{_node.Output}");
    }
}

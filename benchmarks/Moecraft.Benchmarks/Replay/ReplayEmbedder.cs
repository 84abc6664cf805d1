using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Embeddings;
using Moecraft.Experts.Embeddings;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// The embedding generator a replay run uses, with the name and the dimension it really produces (measured on a probe
/// text, not taken from a label). <c>hashing</c>: the built-in hashing embedder; <c>silo</c>: whatever the silo would
/// use with this configuration (<c>Moecraft:Embeddings</c> from an optional appsettings file and the environment),
/// composed by the silo's own <see cref="SiloBuilderExtensions.AddMoecraft"/>, so the harness and the silo share one factory.
/// </summary>
internal sealed class ReplayEmbedder : IDisposable
{
    public const string Hashing = "hashing";
    public const string Silo = "silo";

    private readonly ServiceProvider? _services;

    private ReplayEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, ServiceProvider? services, string name, int dimension)
    {
        Generator = generator;
        _services = services;
        Name = name;
        Dimension = dimension;
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    /// <summary>The provider and model, as the generator reports them.</summary>
    public string Name { get; }

    /// <summary>The length of the vectors it produced.</summary>
    public int Dimension { get; }

    /// <exception cref="ArgumentException">An unknown embedder name or a configuration the silo would refuse.</exception>
    public static async Task<ReplayEmbedder> CreateAsync(string kind, string? siloConfiguration)
    {
        ServiceProvider? services = null;
        IEmbeddingGenerator<string, Embedding<float>> generator;
        switch (kind)
        {
            case Hashing:
                generator = new HashingEmbeddingGenerator(new HashingEmbedder(HashingEmbedder.DefaultDimension));
                break;
            case Silo:
                var configuration = new ConfigurationBuilder();
                if (siloConfiguration is not null) configuration.AddJsonFile(Path.GetFullPath(siloConfiguration), optional: false);
                var built = configuration.AddEnvironmentVariables().Build();
                var options = built.GetSection(MoecraftSiloOptions.SectionName).Get<MoecraftSiloOptions>() ?? new MoecraftSiloOptions();
                var collection = new ServiceCollection();
                new ServicesOnlySiloBuilder(collection, built).AddMoecraft(options);
                services = collection.BuildServiceProvider();
                generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
                break;
            default:
                throw new ArgumentException($"Unknown embedder '{kind}': use {Hashing} or {Silo}.");
        }

        var probe = (await generator.GenerateAsync(["How many legs does a spider have?"]))[0];
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var name = string.Join(" ", new[] { metadata?.ProviderName, metadata?.DefaultModelId ?? probe.ModelId }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new ReplayEmbedder(generator, services, name.Length == 0 ? generator.GetType().Name : name, probe.Vector.Length);
    }

    /// <summary>Embeddings of <paramref name="texts"/> in order, generated in batches.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, int batch = 64)
    {
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += batch)
        {
            var generated = await Generator.GenerateAsync(texts.Skip(start).Take(batch).ToList());
            for (var i = 0; i < generated.Count; i++) vectors[start + i] = generated[i].Vector.ToArray();
        }
        return vectors;
    }

    public void Dispose()
    {
        if (_services is not null) _services.Dispose();
        else Generator.Dispose();
    }

    /// <summary>Just enough of a silo builder for <see cref="SiloBuilderExtensions.AddMoecraft"/> to register its services.</summary>
    private sealed class ServicesOnlySiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = configuration;
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moecraft.Experts.Embeddings;
using Orleans.Runtime;

namespace Moecraft.Hosting.Embeddings;

/// <summary>
/// Loads the silo's embedder and embeds one text while the silo starts, so the first request does not wait for the model
/// and a model that cannot run stops the silo with a clear error. An Ollama model that does not answer yet is only logged:
/// its dimension is learned from the first embedding that succeeds.
/// </summary>
public sealed partial class EmbedderWarmup(IServiceProvider services, ILogger<EmbedderWarmup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EmbedderWarmup), ServiceLifecycleStage.First, cancellationToken => Task.Run(() => WarmAsync(cancellationToken), cancellationToken));

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        SiloEmbedder embedder;
        try
        {
            embedder = services.GetRequiredService<SiloEmbedder>();
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                "The embedding model could not be loaded (ONNX Runtime's native library): set Moecraft:Embeddings:Embedder to 'hashing' to run without it.", ex);
        }
        try
        {
            var identity = await embedder.GetIdentityAsync(cancellationToken);
            await embedder.Generator.GenerateAsync(["warm-up"], cancellationToken: cancellationToken);
            LogReady(logger, identity.ToString(), watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (embedder.Identity is null && ex is not OperationCanceledException)
        {
            // Only an embedder that must answer over the network lacks its identity here.
            LogNotReady(logger, ex, embedder.Name);
        }
    }

    [LoggerMessage(2401, LogLevel.Information, "Embedder {Embedder} ready in {Milliseconds} ms", EventName = "EmbedderReady")]
    private static partial void LogReady(ILogger logger, string embedder, long milliseconds);

    [LoggerMessage(2402, LogLevel.Warning, "Embedder {Embedder} did not answer while the silo started; its dimension is learned from the first embedding that succeeds", EventName = "EmbedderNotReady")]
    private static partial void LogNotReady(ILogger logger, Exception exception, string embedder);
}

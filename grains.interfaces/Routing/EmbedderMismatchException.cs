namespace Moecraft.Routing;

/// <summary>
/// This node embeds prompts with another embedder than the router's state was made with: the request was refused before
/// anything was embedded, cached, routed or charged. The message says how to migrate.
/// </summary>
[GenerateSerializer, Alias("moecraft.EmbedderMismatchException")]
public sealed class EmbedderMismatchException : Exception
{
    public EmbedderMismatchException(string routerId, string message) : base(message) => RouterId = routerId;

    [Id(0)] public string RouterId { get; }
}

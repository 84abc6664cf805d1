using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// The embedder of the request in flight, carried in Orleans' request context from the chat router to the grains it calls:
/// the tenant's surrogate cache keeps one partition per embedder, so a vector is only ever compared with vectors of the
/// embedder that made it (the cache's contract takes only the vector).
/// </summary>
public static class EmbedderContext
{
    private const string Key = "moecraft.embedder";

    public static void Set(EmbedderIdentity embedder) => RequestContext.Set(Key, embedder);

    public static EmbedderIdentity? Current => RequestContext.Get(Key) as EmbedderIdentity;
}

namespace Moecraft.Routing;

/// <summary>Persisted state of the router directory. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.RouterDirectoryState")]
public sealed class RouterDirectoryState
{
    [Id(0)] public List<string> Routers { get; set; } = [];
}

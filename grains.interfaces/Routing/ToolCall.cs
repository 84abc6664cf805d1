namespace Moecraft.Routing;

/// <summary>A function call an assistant asked for.</summary>
/// <param name="Id">The call's id; the tool turn that answers it names it.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as the model wrote them (a JSON object, as text).</param>
[GenerateSerializer, Immutable, Alias("moecraft.ToolCall")]
public sealed record ToolCall([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Arguments);

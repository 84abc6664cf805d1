namespace Moecraft.Routing;

/// <summary>A function the model may call (OpenAI's <c>tools[].function</c>).</summary>
/// <param name="Name">The function's name: 1-64 letters, digits, underscores or dashes.</param>
/// <param name="Description">What it does, for the model.</param>
/// <param name="Parameters">Its parameters as a JSON schema (text); null: no parameters.</param>
/// <param name="Strict">Whether the model must follow the schema exactly.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ToolSpec")]
public sealed record ToolSpec([property: Id(0)] string Name, [property: Id(1)] string? Description = null, [property: Id(2)] string? Parameters = null, [property: Id(3)] bool? Strict = null);

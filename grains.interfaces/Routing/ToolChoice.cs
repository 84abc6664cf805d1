namespace Moecraft.Routing;

/// <summary>Whether and which tool the model must call (OpenAI's <c>tool_choice</c>).</summary>
/// <param name="Mode"><c>auto</c>, <c>none</c>, <c>required</c>, or <c>function</c> (then <paramref name="FunctionName"/> names it).</param>
/// <param name="FunctionName">The function the model must call when the mode is <c>function</c>.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ToolChoice")]
public sealed record ToolChoice([property: Id(0)] string Mode, [property: Id(1)] string? FunctionName = null)
{
    public const string Auto = "auto";
    public const string None = "none";
    public const string Required = "required";
    public const string Function = "function";

    /// <summary>A stable text form for cache keys.</summary>
    public string Key => FunctionName is null ? Mode : $"{Mode}:{FunctionName}";
}

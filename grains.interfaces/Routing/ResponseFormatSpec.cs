namespace Moecraft.Routing;

/// <summary>The shape the answer must take (OpenAI's <c>response_format</c>).</summary>
/// <param name="Type"><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</param>
/// <param name="SchemaName">For <c>json_schema</c>: the schema's name.</param>
/// <param name="Schema">For <c>json_schema</c>: the JSON schema (text).</param>
/// <param name="Strict">For <c>json_schema</c>: whether the model must follow the schema exactly.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ResponseFormatSpec")]
public sealed record ResponseFormatSpec([property: Id(0)] string Type, [property: Id(1)] string? SchemaName = null, [property: Id(2)] string? Schema = null, [property: Id(3)] bool? Strict = null)
{
    public const string Text = "text";
    public const string JsonObject = "json_object";
    public const string JsonSchema = "json_schema";

    /// <summary>True unless it asks for plain text, which every backend gives.</summary>
    public bool ConstrainsOutput => Type != Text;
}

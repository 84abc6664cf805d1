using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// Reads a request body into a wire type: malformed JSON is one 400, a known field of the wrong type another that names
/// the field and the type it needs (unknown fields are ignored, as OpenAI does).
/// </summary>
public static class OpenAiJson
{
    // What OpenAI's API defines for the top-level fields that have one type: checked before binding, for a clear message.
    private static readonly Dictionary<string, (JsonValueKind Kind, string Expected)> TopLevel = new(StringComparer.Ordinal)
    {
        ["model"] = (JsonValueKind.String, "a string"),
        ["models"] = (JsonValueKind.Array, "an array"),
        ["messages"] = (JsonValueKind.Array, "an array"),
        ["temperature"] = (JsonValueKind.Number, "a number"),
        ["top_p"] = (JsonValueKind.Number, "a number"),
        ["max_tokens"] = (JsonValueKind.Number, "an integer"),
        ["max_completion_tokens"] = (JsonValueKind.Number, "an integer"),
        ["seed"] = (JsonValueKind.Number, "an integer"),
        ["n"] = (JsonValueKind.Number, "an integer"),
        ["user"] = (JsonValueKind.String, "a string"),
        ["stream"] = (JsonValueKind.True, "a boolean"),
        ["stream_options"] = (JsonValueKind.Object, "an object"),
        ["response_format"] = (JsonValueKind.Object, "an object"),
        ["tools"] = (JsonValueKind.Array, "an array"),
        ["encoding_format"] = (JsonValueKind.String, "a string"),
        ["dimensions"] = (JsonValueKind.Number, "an integer"),
    };

    /// <exception cref="OpenAiRequestException">Not JSON, not an object, or a known field of the wrong type.</exception>
    public static T Parse<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw OpenAiRequestException.BadRequest(
                "We could not parse the JSON body of your request. The API expects a JSON payload (see https://platform.openai.com/docs/api-reference).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw OpenAiRequestException.BadRequest("The request body must be a JSON object.");
            foreach (var property in root.EnumerateObject()) CheckKind(property);
            try
            {
                return root.Deserialize(type) ?? throw OpenAiRequestException.BadRequest("The request body must be a JSON object.");
            }
            catch (JsonException error)
            {
                var field = FieldOf(error.Path);
                var expected = TopLevel.TryGetValue(field, out var known) ? $": expected {known.Expected}" : string.Empty;
                throw OpenAiRequestException.BadRequest($"Invalid value for '{field}'{expected}.", field);
            }
        }
    }

    /// <summary>The field a JSON path names, as OpenAI's <c>param</c> writes it: <c>$.messages[0].role</c> is <c>messages[0].role</c>.</summary>
    public static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>How OpenAI names a JSON value's kind in its type errors.</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static void CheckKind(JsonProperty property)
    {
        if (!TopLevel.TryGetValue(property.Name, out var known)) return;
        var kind = property.Value.ValueKind;
        if (kind == JsonValueKind.Null) return; // OpenAI takes null as "not set"
        var matches = known.Kind == JsonValueKind.True ? kind is JsonValueKind.True or JsonValueKind.False : kind == known.Kind;
        if (!matches)
            throw OpenAiRequestException.BadRequest(
                $"Invalid type for '{property.Name}': expected {known.Expected}, but got {KindName(kind)} instead.", property.Name, "invalid_type");
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// OpenAI's chat completion request as it arrives on the wire. Fields that take several shapes (content, stop,
/// tool_choice) stay <see cref="JsonElement"/>s for <see cref="ChatCompletionRequestMapper"/> to read; unknown fields are ignored.
/// </summary>
public sealed class ChatCompletionRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }

    /// <summary>OpenRouter's fallback list: the first answers, the rest in order when it fails.</summary>
    [JsonPropertyName("models")] public List<string>? Models { get; set; }

    [JsonPropertyName("messages")] public List<ChatMessageDto>? Messages { get; set; }

    [JsonPropertyName("temperature")] public double? Temperature { get; set; }

    [JsonPropertyName("top_p")] public double? TopP { get; set; }

    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }

    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; set; }

    [JsonPropertyName("stop")] public JsonElement? Stop { get; set; }

    [JsonPropertyName("seed")] public long? Seed { get; set; }

    [JsonPropertyName("user")] public string? User { get; set; }

    [JsonPropertyName("n")] public int? N { get; set; }

    [JsonPropertyName("stream")] public bool? Stream { get; set; }

    [JsonPropertyName("stream_options")] public StreamOptionsDto? StreamOptions { get; set; }

    [JsonPropertyName("response_format")] public ResponseFormatDto? ResponseFormat { get; set; }

    [JsonPropertyName("tools")] public List<ToolDto>? Tools { get; set; }

    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
}

/// <summary>One message of a chat completion request.</summary>
public sealed class ChatMessageDto
{
    [JsonPropertyName("role")] public string? Role { get; set; }

    /// <summary>A string, an array of content parts, or null (an assistant turn that only calls tools).</summary>
    [JsonPropertyName("content")] public JsonElement? Content { get; set; }

    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; set; }

    [JsonPropertyName("tool_calls")] public List<ToolCallDto>? ToolCalls { get; set; }
}

/// <summary>A tool call, in a request's assistant message or in an answer.</summary>
public sealed class ToolCallDto
{
    /// <summary>Only in streamed deltas: which call the delta belongs to.</summary>
    [JsonPropertyName("index")] public int? Index { get; set; }

    [JsonPropertyName("id")] public string? Id { get; set; }

    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("function")] public FunctionCallDto? Function { get; set; }
}

/// <summary>The function a tool call names, with its arguments as JSON text.</summary>
public sealed class FunctionCallDto
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("arguments")] public string? Arguments { get; set; }
}

/// <summary><c>stream_options</c>.</summary>
public sealed class StreamOptionsDto
{
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; set; }
}

/// <summary><c>response_format</c>: text, json_object, or json_schema with its schema.</summary>
public sealed class ResponseFormatDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("json_schema")] public JsonSchemaDto? JsonSchema { get; set; }
}

/// <summary><c>response_format.json_schema</c>.</summary>
public sealed class JsonSchemaDto
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("schema")] public JsonElement? Schema { get; set; }

    [JsonPropertyName("strict")] public bool? Strict { get; set; }
}

/// <summary>A tool the model may call (<c>tools[]</c>).</summary>
public sealed class ToolDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("function")] public FunctionDto? Function { get; set; }
}

/// <summary>A function tool's declaration.</summary>
public sealed class FunctionDto
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("description")] public string? Description { get; set; }

    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; set; }

    [JsonPropertyName("strict")] public bool? Strict { get; set; }
}

using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's <c>chat.completion.chunk</c>: one server-sent event of a streamed answer.</summary>
public sealed class ChatCompletionChunk
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("object")] public string Object => "chat.completion.chunk";

    [JsonPropertyName("created")] public required long Created { get; init; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>Empty only in the usage chunk that <c>stream_options.include_usage</c> asks for.</summary>
    [JsonPropertyName("choices")] public required IReadOnlyList<ChunkChoiceDto> Choices { get; init; }

    [JsonPropertyName("usage")] public UsageDto? Usage { get; init; }

    /// <summary>On the chunk that carries the finish reason: metadata known only at the end.</summary>
    [JsonPropertyName("moecraft")] public MoecraftMetadataDto? Moecraft { get; init; }
}

/// <summary>One choice of a chunk: a delta and, in the last one, the finish reason.</summary>
public sealed class ChunkChoiceDto
{
    [JsonPropertyName("index")] public int Index { get; init; }

    [JsonPropertyName("delta")] public required DeltaDto Delta { get; init; }

    [JsonPropertyName("logprobs"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public object? Logprobs => null;

    [JsonPropertyName("finish_reason"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? FinishReason { get; init; }
}

/// <summary>What a chunk adds to the message.</summary>
public sealed class DeltaDto
{
    [JsonPropertyName("role")] public string? Role { get; init; }

    [JsonPropertyName("content")] public string? Content { get; init; }

    [JsonPropertyName("tool_calls")] public IReadOnlyList<ToolCallDto>? ToolCalls { get; init; }
}

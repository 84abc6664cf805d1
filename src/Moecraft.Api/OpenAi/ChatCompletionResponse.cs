using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's <c>chat.completion</c> object, with Moecraft's routing metadata in <c>moecraft</c>.</summary>
public sealed class ChatCompletionResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("object")] public string Object => "chat.completion";

    [JsonPropertyName("created")] public required long Created { get; init; }

    /// <summary>The expert that actually answered.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("choices")] public required IReadOnlyList<ChatChoiceDto> Choices { get; init; }

    [JsonPropertyName("usage")] public required UsageDto Usage { get; init; }

    [JsonPropertyName("moecraft")] public MoecraftMetadataDto? Moecraft { get; init; }
}

/// <summary>One choice of a complete answer.</summary>
public sealed class ChatChoiceDto
{
    [JsonPropertyName("index")] public int Index { get; init; }

    [JsonPropertyName("message")] public required AssistantMessageDto Message { get; init; }

    [JsonPropertyName("logprobs"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public object? Logprobs => null;

    [JsonPropertyName("finish_reason")] public required string FinishReason { get; init; }
}

/// <summary>The assistant's message: its text (null when it only calls tools) and tool calls.</summary>
public sealed class AssistantMessageDto
{
    [JsonPropertyName("role")] public string Role => "assistant";

    [JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Content { get; init; }

    [JsonPropertyName("tool_calls")] public IReadOnlyList<ToolCallDto>? ToolCalls { get; init; }
}

/// <summary>Token counts of a request.</summary>
public sealed class UsageDto
{
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; init; }

    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; init; }

    [JsonPropertyName("total_tokens")] public long TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>What Moecraft adds to an answer: who answered, cost and savings, confidence, cache and epoch.</summary>
public sealed class MoecraftMetadataDto
{
    [JsonPropertyName("request_id")] public required string RequestId { get; init; }

    [JsonPropertyName("router")] public required string Router { get; init; }

    [JsonPropertyName("experts")] public required IReadOnlyList<string> Experts { get; init; }

    [JsonPropertyName("cost")] public decimal Cost { get; init; }

    [JsonPropertyName("premium_cost")] public decimal PremiumCost { get; init; }

    [JsonPropertyName("savings")] public decimal Savings { get; init; }

    [JsonPropertyName("confidence")] public double Confidence { get; init; }

    [JsonPropertyName("cache_hit")] public bool CacheHit { get; init; }

    [JsonPropertyName("epoch")] public long Epoch { get; init; }

    [JsonPropertyName("policy")] public required string Policy { get; init; }

    [JsonPropertyName("escalations")] public int Escalations { get; init; }

    [JsonPropertyName("simulated")] public bool Simulated { get; init; }
}

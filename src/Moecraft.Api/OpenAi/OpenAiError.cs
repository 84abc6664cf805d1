using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's error envelope: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed class OpenAiErrorEnvelope
{
    [JsonPropertyName("error")] public required OpenAiErrorDto Error { get; init; }
}

/// <summary>The error itself; <c>param</c> and <c>code</c> are written even when null, as OpenAI does.</summary>
public sealed class OpenAiErrorDto
{
    [JsonPropertyName("message")] public required string Message { get; init; }

    [JsonPropertyName("type")] public required string Type { get; init; }

    [JsonPropertyName("param"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Param { get; init; }

    [JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Code { get; init; }
}

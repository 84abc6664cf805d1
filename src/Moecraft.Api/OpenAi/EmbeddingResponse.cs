using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's embeddings response; <typeparamref name="TVector"/> is a float array, or a base64 string of little-endian float32.</summary>
public sealed class EmbeddingResponse<TVector>
{
    [JsonPropertyName("object")] public string Object => "list";

    [JsonPropertyName("data")] public required IReadOnlyList<EmbeddingDto<TVector>> Data { get; init; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("usage")] public required EmbeddingUsageDto Usage { get; init; }
}

/// <summary>One input's embedding.</summary>
public sealed class EmbeddingDto<TVector>
{
    [JsonPropertyName("object")] public string Object => "embedding";

    [JsonPropertyName("index")] public int Index { get; init; }

    [JsonPropertyName("embedding")] public required TVector Embedding { get; init; }
}

/// <summary>Token counts of an embeddings request (estimated: the embedder reports none).</summary>
public sealed class EmbeddingUsageDto
{
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; init; }

    [JsonPropertyName("total_tokens")] public long TotalTokens => PromptTokens;
}

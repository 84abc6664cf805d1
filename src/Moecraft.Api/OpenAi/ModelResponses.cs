using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's model list.</summary>
public sealed class ModelListDto
{
    [JsonPropertyName("object")] public string Object => "list";

    [JsonPropertyName("data")] public required IReadOnlyList<ModelDto> Data { get; init; }
}

/// <summary>
/// One model: <c>moecraft/auto</c>, a router or an expert. Besides OpenAI's fields, <c>kind</c> says which, and experts
/// name their router, backend and tier.
/// </summary>
public sealed class ModelDto
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("object")] public string Object => "model";

    [JsonPropertyName("created")] public long Created { get; init; }

    [JsonPropertyName("owned_by")] public string OwnedBy => "moecraft";

    /// <summary><c>auto</c>, <c>router</c> or <c>expert</c>.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    [JsonPropertyName("router")] public string? Router { get; init; }

    [JsonPropertyName("backend")] public string? Backend { get; init; }

    [JsonPropertyName("tier")] public string? Tier { get; init; }

    /// <summary>The model name at the expert's backend.</summary>
    [JsonPropertyName("backend_model")] public string? BackendModel { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>OpenAI's embeddings request as it arrives on the wire.</summary>
public sealed class EmbeddingRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }

    /// <summary>A string or an array of strings (token arrays are not supported).</summary>
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32).</summary>
    [JsonPropertyName("encoding_format")] public string? EncodingFormat { get; set; }

    [JsonPropertyName("dimensions")] public int? Dimensions { get; set; }

    [JsonPropertyName("user")] public string? User { get; set; }
}

using System.Text.Json.Serialization;

namespace Moecraft.Api.OpenAi;

/// <summary>Source-generated (de)serialization of the <c>/v1</c> wire types: no reflection on the request path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelListDto))]
[JsonSerializable(typeof(ModelDto))]
[JsonSerializable(typeof(EmbeddingResponse<float[]>))]
[JsonSerializable(typeof(EmbeddingResponse<string>))]
[JsonSerializable(typeof(OpenAiErrorEnvelope))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;

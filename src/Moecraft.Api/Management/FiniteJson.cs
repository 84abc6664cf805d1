using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Moecraft.Api.Management;

/// <summary>
/// JSON for the router's statistics, where a coherence or free-energy value can be NaN or infinite before enough steps:
/// such a value is written as null (JSON has no number for it). Otherwise the API's own settings.
/// </summary>
public sealed class FiniteJson(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions) { Converters = { new FiniteDoubleConverter() } };

    public JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, _options);

    /// <summary>Writes a non-finite double as null; reads null as NaN.</summary>
    public sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}

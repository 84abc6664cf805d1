using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moecraft.Federation;

/// <summary>
/// Writes a default <see cref="ImmutableArray{T}"/> as <c>[]</c>, which System.Text.Json's own converter cannot write:
/// contracts use a default array for "none" (a request without tools or stop sequences), and on the wire both mean the same.
/// Reading is as usual (<c>null</c> reads as a default array).
/// </summary>
public sealed class EmptyWhenDefaultArrayConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ArrayConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ArrayConverter<T> : JsonConverter<ImmutableArray<T>>
    {
        public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<T[]>(ref reader, options) is { } items ? ImmutableArray.Create(items) : default;

        public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            if (!value.IsDefault)
                foreach (var item in value) JsonSerializer.Serialize(writer, item, options);
            writer.WriteEndArray();
        }
    }
}

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        // Resolved once per options rather than looked up for every array (and every item) of a sync batch.
        private JsonTypeInfo<T[]>? _arrayInfo;
        private JsonTypeInfo<T>? _itemInfo;

        public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            _arrayInfo ??= (JsonTypeInfo<T[]>)options.GetTypeInfo(typeof(T[]));
            // The array just read is owned by no one else, so it becomes the immutable array without a copy.
            return JsonSerializer.Deserialize(ref reader, _arrayInfo) is { } items ? ImmutableCollectionsMarshal.AsImmutableArray(items) : default;
        }

        public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
        {
            _itemInfo ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartArray();
            if (!value.IsDefault)
                foreach (var item in value) JsonSerializer.Serialize(writer, item, _itemInfo);
            writer.WriteEndArray();
        }
    }
}

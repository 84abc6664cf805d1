using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;

namespace Moecraft;

/// <summary>
/// An immutable array that compares by its items, so a record holding one keeps the equality records promise
/// (<see cref="ImmutableArray{T}"/> compares by reference: a contract read back from storage would not equal the one
/// written). A default instance reads as empty and equals an empty one; <see cref="IsDefault"/> still tells them apart,
/// and converting back to <see cref="ImmutableArray{T}"/> gives the array as it was given. Stored and sent exactly as <see cref="ImmutableArray{T}"/> is
/// (<see cref="EquatableArrayCodec{T}"/>), so a member can change to it without changing a stored byte.
/// </summary>
[Immutable]
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
[JsonConverter(typeof(EquatableArrayJsonConverterFactory))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    /// <summary>The items; never default.</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    /// <summary>Whether no array was given at all (a JSON null, an omitted member): validators tell it from an empty list.</summary>
    public bool IsDefault => _items.IsDefault;

    public bool IsDefaultOrEmpty => _items.IsDefaultOrEmpty;

    public int Length => Items.Length;

    public bool IsEmpty => Items.IsEmpty;

    int IReadOnlyCollection<T>.Count => Length;

    public T this[int index] => Items[index];

    public ReadOnlySpan<T> AsSpan() => Items.AsSpan();

    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    public static implicit operator ImmutableArray<T>(EquatableArray<T> array) => array._items;

}

/// <summary>Builds <see cref="EquatableArray{T}"/>s (also from collection expressions).</summary>
public static class EquatableArray
{
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);
}

/// <summary>Writes and reads an <see cref="EquatableArray{T}"/> in the very bytes of an <see cref="ImmutableArray{T}"/>.</summary>
[RegisterSerializer]
public sealed class EquatableArrayCodec<T>(IValueSerializer<ImmutableArraySurrogate<T>> surrogateSerializer)
    : GeneralizedValueTypeSurrogateCodec<EquatableArray<T>, ImmutableArraySurrogate<T>>(surrogateSerializer)
{
    public override EquatableArray<T> ConvertFromSurrogate(ref ImmutableArraySurrogate<T> surrogate) =>
        surrogate.Values is { } values ? new(ImmutableArray.Create(values)) : default;

    public override void ConvertToSurrogate(EquatableArray<T> value, ref ImmutableArraySurrogate<T> surrogate) =>
        surrogate.Values = value.IsDefault ? null : value.Items.ToArray();
}

/// <summary>Immutable, so a copy is the array itself.</summary>
[RegisterCopier]
public sealed class EquatableArrayCopier<T> : IDeepCopier<EquatableArray<T>>
{
    public EquatableArray<T> DeepCopy(EquatableArray<T> input, CopyContext context) => input;
}

/// <summary>JSON as a plain array (a default one is written as <c>[]</c>; <c>null</c> reads as default), as the wire sent before.</summary>
public sealed class EquatableArrayJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()))!;

    private sealed class Converter<T> : JsonConverter<EquatableArray<T>>
    {
        public override bool HandleNull => true;

        public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? default : new(JsonSerializer.Deserialize<ImmutableArray<T>>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Items, options);
    }
}

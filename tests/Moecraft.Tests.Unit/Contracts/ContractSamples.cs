using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Moecraft.Tests.Contracts;

/// <summary>
/// One deterministic sample of any contract, built by reflection: every member gets a value that differs from its
/// neighbours' (so a reordered or retyped member changes the bytes) and collections hold one element (so no hash order
/// enters the bytes).
/// </summary>
internal static class ContractSamples
{
    private const int MaxDepth = 4;

    public static object Create(Type type) =>
        Create(type, seed: 1, depth: 0) ?? throw new InvalidOperationException($"No sample of {type} could be built.");

    private static object? Create(Type type, int seed, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Create(underlying, seed, depth);
        if (type == typeof(string)) return $"s{seed}";
        if (type == typeof(bool)) return seed % 2 == 1;
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Math.Min(1, Enum.GetValues(type).Length - 1));
        if (type.IsPrimitive || type == typeof(decimal))
            return Convert.ChangeType(type == typeof(float) || type == typeof(double) || type == typeof(decimal) ? seed + 0.5 : seed, type, System.Globalization.CultureInfo.InvariantCulture);
        if (type == typeof(DateTime)) return new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(seed);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(seed);
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(seed);
        if (type == typeof(Guid)) return new Guid(seed, 0, 0, new byte[8]);
        if (type == typeof(Uri)) return new Uri($"http://sample.test/{seed}");
        if (type == typeof(byte[])) return new[] { (byte)seed, (byte)(seed + 1) };
        if (depth >= MaxDepth) return type.IsValueType ? Activator.CreateInstance(type) : null;
        if (type.IsArray) return Array(type.GetElementType()!, seed, depth);
        if (type.IsGenericType && Collection(type, seed, depth) is { } collection) return collection;
        if (type.IsAbstract || type.IsInterface) return null;
        return Composite(type, depth);
    }

    private static Array Array(Type element, int seed, int depth)
    {
        var array = System.Array.CreateInstance(element, 1);
        array.SetValue(Create(element, seed + 1, depth + 1), 0);
        return array;
    }

    private static object? Collection(Type type, int seed, int depth)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(ImmutableArray<>))
            return typeof(ImmutableArray).GetMethods().Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(arguments).Invoke(null, [Array(arguments[0], seed, depth)]);
        // Sampled as the immutable array it wraps (and is stored as).
        if (definition == typeof(EquatableArray<>))
            return Activator.CreateInstance(type, Collection(typeof(ImmutableArray<>).MakeGenericType(arguments), seed, depth));
        if (arguments.Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments))!;
            list.Add(Create(arguments[0], seed + 1, depth + 1));
            if (type.IsAssignableFrom(list.GetType())) return list;
            if (definition == typeof(ImmutableList<>)) return Immutable(typeof(ImmutableList), arguments, list);
            if (definition == typeof(ImmutableHashSet<>) || definition == typeof(IImmutableSet<>)) return Immutable(typeof(ImmutableHashSet), arguments, list);
            if (definition == typeof(ImmutableSortedSet<>)) return Immutable(typeof(ImmutableSortedSet), arguments, list);
            if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
                return Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(arguments), list);
            if (definition == typeof(Queue<>)) return Activator.CreateInstance(type, list);
        }
        if (arguments.Length == 2 && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
            dictionary.Add(Create(arguments[0], seed + 1, depth + 1)!, Create(arguments[1], seed + 2, depth + 1));
            if (type.IsAssignableFrom(dictionary.GetType())) return dictionary;
            if (definition == typeof(ImmutableDictionary<,>) || definition == typeof(IImmutableDictionary<,>))
                return typeof(ImmutableDictionary).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableDictionary.ToImmutableDictionary) && m.GetParameters().Length == 1 && m.GetGenericArguments().Length == 2)
                    .MakeGenericMethod(arguments).Invoke(null, [dictionary]);
            if (definition == typeof(ImmutableSortedDictionary<,>))
                return typeof(ImmutableSortedDictionary).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableSortedDictionary.ToImmutableSortedDictionary) && m.GetParameters().Length == 1 && m.GetGenericArguments().Length == 2)
                    .MakeGenericMethod(arguments).Invoke(null, [dictionary]);
            if (definition == typeof(SortedDictionary<,>)) return Activator.CreateInstance(type, dictionary);
        }
        return null;
    }

    private static object? Immutable(Type factory, Type[] arguments, IList items) =>
        factory.GetMethods().Single(m => m.Name == "CreateRange" && m.GetParameters().Length == 1)
            .MakeGenericMethod(arguments).Invoke(null, [items]);

    // Built without its constructor, so no validation stands in the way, and seeded by member name, so declaring members in
    // another order (harmless when each has its [Id]) builds the same sample.
    private static object Composite(Type type, int depth)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var field in ContractCatalog.DataFields(declaring))
                field.SetValue(instance, Create(field.FieldType, Seed(field.Name), depth + 1));
        }
        return instance;
    }

    private static int Seed(string name) => name.Aggregate(7, (hash, c) => (hash * 31 + c) % 9973) + 1;

}

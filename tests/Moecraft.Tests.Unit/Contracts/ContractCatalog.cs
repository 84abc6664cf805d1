using System.Reflection;

namespace Moecraft.Tests.Contracts;

/// <summary>
/// Every type Orleans serializes for Moecraft: the <c>[GenerateSerializer]</c> types of the product's assemblies. Grain state
/// is stored in Orleans' binary format, and calls between silos and clients use it too, so each of them is a contract.
/// </summary>
internal static class ContractCatalog
{
    /// <summary>The product's assemblies beside the tests (everything named Moecraft.* but the tests themselves).</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        .. Directory.GetFiles(AppContext.BaseDirectory, "Moecraft.*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Moecraft.Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path))),
    ];

    public static IReadOnlyList<Type> Types { get; } =
    [
        .. Assemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !type.IsGenericTypeDefinition)
            // Orleans' own generated call messages (for grain methods marked [Immutable]) are not ours to pin.
            .Where(type => type.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true)
            .OrderBy(Name, StringComparer.Ordinal),
    ];

    /// <summary>The members Orleans serializes are the ones that hold data: a type's own instance fields.</summary>
    public static IEnumerable<FieldInfo> DataFields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(field => field.GetCustomAttribute<NonSerializedAttribute>() is null);

    /// <summary>The constructor a positional record is declared with (its parameters are its properties).</summary>
    public static ConstructorInfo? PrimaryConstructor(Type type) =>
        IsRecord(type)
            ? type.GetConstructors().Where(c => c.GetParameters().All(p => type.GetProperty(p.Name!) is not null))
                .MaxBy(c => c.GetParameters().Length)
            : null;

    public static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    public static string Name(Type type) => type.FullName!.Replace('+', '.');
}

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Diagnostics;

/// <summary>One <c>[LoggerMessage]</c> method: where it is declared, and its event id and name if the attribute gives them.</summary>
public sealed record LogEvent(string Assembly, string Type, string Method, int? Id, string? Name)
{
    public string Where => $"{Type}.{Method} ({Assembly})";
}

/// <summary>
/// The <c>[LoggerMessage]</c> methods of every Moecraft assembly, read from the built assemblies' metadata without
/// loading them (the silo, CLI and benchmarks executables are built beside the tests, not referenced).
/// </summary>
public static class LogEventCatalog
{
    public static IReadOnlyList<LogEvent> All { get; } = [.. MoecraftAssemblies().SelectMany(Read)];

    /// <summary>The Moecraft assemblies next to the tests plus the executables, each once (by file name).</summary>
    public static IEnumerable<string> MoecraftAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Moecraft.*.dll")
            .Concat([RepositoryPaths.SiloAssembly, RepositoryPaths.CliAssembly, RepositoryPaths.BenchmarksAssembly])
            .DistinctBy(Path.GetFileName, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<LogEvent> Read(string assemblyPath)
    {
        Assert.True(File.Exists(assemblyPath), $"{assemblyPath} is missing: build the solution first.");
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var assembly = metadata.GetString(metadata.GetAssemblyDefinition().Name);
        var events = new List<LogEvent>();
        foreach (var type in metadata.TypeDefinitions.Select(metadata.GetTypeDefinition))
        {
            var typeName = metadata.GetString(type.Name);
            foreach (var method in type.GetMethods().Select(metadata.GetMethodDefinition))
            {
                foreach (var attribute in method.GetCustomAttributes().Select(metadata.GetCustomAttribute))
                {
                    if (!IsLoggerMessage(metadata, attribute)) continue;
                    var value = attribute.DecodeValue(AttributeTypeNames.Instance);
                    events.Add(new LogEvent(assembly, typeName, metadata.GetString(method.Name), EventId(value), EventName(value)));
                }
            }
        }
        return events;
    }

    private static bool IsLoggerMessage(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.GetString(type.Name) == "LoggerMessageAttribute"
            && metadata.GetString(type.Namespace) == "Microsoft.Extensions.Logging";
    }

    // The attribute takes the id first in its (eventId, level, message) constructor, or as the named EventId.
    private static int? EventId(CustomAttributeValue<string> value) =>
        value.FixedArguments is [{ Type: nameof(PrimitiveTypeCode.Int32), Value: int id }, ..]
            ? id
            : Named(value, "EventId") as int?;

    private static string? EventName(CustomAttributeValue<string> value) => Named(value, "EventName") as string;

    private static object? Named(CustomAttributeValue<string> value, string name) =>
        value.NamedArguments.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>Names types well enough to tell an int argument from an enum one (LogLevel, the attribute's only enum).</summary>
    private sealed class AttributeTypeNames : ICustomAttributeTypeProvider<string>
    {
        public static AttributeTypeNames Instance { get; } = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}

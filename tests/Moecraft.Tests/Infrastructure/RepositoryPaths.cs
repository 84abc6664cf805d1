using System.Reflection;

namespace Moecraft.Tests.Infrastructure;

/// <summary>Paths the build baked into the test assembly: the repository root and the built silo.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("MoecraftRoot");

    public static string SiloAssembly { get; } = Metadata("SiloAssembly");

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}

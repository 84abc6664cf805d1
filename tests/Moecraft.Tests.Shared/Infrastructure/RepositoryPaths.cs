using System.Reflection;

namespace Moecraft.Tests.Infrastructure;

/// <summary>Facts the build baked into the test assembly: the repository root, the built silo and CLI, the configuration.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("MoecraftRoot");

    public static string SiloAssembly { get; } = Metadata("SiloAssembly");

    public static string CliAssembly { get; } = Metadata("CliAssembly");

    /// <summary>The built benchmarks executable (the replay and toy bench commands).</summary>
    public static string BenchmarksAssembly { get; } = Metadata("BenchmarksAssembly");

    /// <summary>The build configuration (Debug, Release) the tests were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}

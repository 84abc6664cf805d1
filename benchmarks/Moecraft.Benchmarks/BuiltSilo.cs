using Moecraft.Benchmarks.Gateway;

namespace Moecraft.Benchmarks;

/// <summary>The silo a benchmark starts as a process: the one given, or the repository's Release build, built first when missing.</summary>
internal static class BuiltSilo
{
    public static async Task<string> PathAsync(string? given)
    {
        if (given is not null) return File.Exists(given) ? Path.GetFullPath(given) : throw new ArgumentException($"The silo assembly '{given}' does not exist.");
        var root = RepositoryRoot() ?? throw new InvalidOperationException("Run from inside the repository, or pass --silo <Moecraft.Silo.dll>.");
        var assembly = Path.Combine(root, "silo", "bin", "Release", "net10.0", "Moecraft.Silo.dll");
        if (File.Exists(assembly)) return assembly;
        Console.WriteLine($"building the silo (Release): {assembly} is missing");
        var (exitCode, output) = await ChildProcess.RunAsync(
            "dotnet", ["build", Path.Combine(root, "silo", "Moecraft.Silo.csproj"), "-c", "Release", "-v", "q"], TimeSpan.FromMinutes(15), root);
        return exitCode == 0 && File.Exists(assembly) ? assembly : throw new InvalidOperationException($"Building the silo failed ({exitCode}):\n{output}");
    }

    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Moecraft.sln"))) return directory.FullName;
        return null;
    }
}

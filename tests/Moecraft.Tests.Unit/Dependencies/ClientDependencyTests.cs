using System.Text.Json;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Dependencies;

/// <summary>
/// A client app must not pull TorchSharp or Orleans server packages (SPEC 2): checked on the resolved
/// dependency graph NuGet wrote for each client-side project.
/// </summary>
public sealed class ClientDependencyTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "TorchSharp", "libtorch", "Microsoft.Orleans.Server", "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Persistence", "Microsoft.Orleans.Clustering", "Microsoft.Orleans.Reminders",
    ];

    [Theory]
    [InlineData("grains.interfaces")]
    [InlineData("client/Moecraft.Client")]
    [InlineData("client/Moecraft.Cli")]
    public void Client_side_projects_resolve_no_tensor_or_server_packages(string project)
    {
        var libraries = ResolvedLibraries(project);

        Assert.Contains(libraries, l => l.StartsWith("Microsoft.Orleans.Core/", StringComparison.Ordinal));
        var forbidden = libraries.Where(l => ForbiddenPrefixes.Any(p => l.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(forbidden.Count == 0, $"{project} resolves {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void The_check_would_catch_the_server_side()
    {
        var libraries = ResolvedLibraries("src/Moecraft.Hosting");

        Assert.Contains(libraries, l => l.StartsWith("TorchSharp/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("Microsoft.Orleans.Runtime/", StringComparison.Ordinal));
    }

    private static List<string> ResolvedLibraries(string project)
    {
        var assets = Path.Combine(RepositoryPaths.Root, project, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: restore the solution first.");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        return document.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
    }
}

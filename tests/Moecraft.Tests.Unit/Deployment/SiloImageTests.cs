using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Deployment;

/// <summary>The silo image build: silo/Dockerfile and the .dockerignore that trims its build context.</summary>
public sealed class SiloImageTests
{
    private static readonly string DockerfilePath = Path.Combine(RepositoryPaths.Root, "silo", "Dockerfile");

    [Fact]
    public void Dockerfile_BuildsAndRunsTheSilo()
    {
        var errors = DockerfileRules.Check(File.ReadAllText(DockerfilePath), RepositoryPaths.Root);

        Assert.True(errors.Count == 0, "silo/Dockerfile: " + string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void DockerfileRules_RejectWrongEntrypoint()
    {
        var text = File.ReadAllText(DockerfilePath).Replace("Moecraft.Silo.dll", "Moecraft.Client.dll", StringComparison.Ordinal);

        Assert.Contains(DockerfileRules.Check(text, RepositoryPaths.Root), e => e.Contains("ENTRYPOINT", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsHostBuildOutputOutOfTheContext()
    {
        var path = Path.Combine(RepositoryPaths.Root, ".dockerignore");
        Assert.True(File.Exists(path), ".dockerignore is missing");
        var patterns = File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

        // Nested projects need the **/ form: a bare "bin" only matches the context root.
        foreach (var required in new[] { "**/bin", "**/obj", ".git" })
        {
            Assert.Contains(required, patterns);
        }
    }
}

using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Docs;

/// <summary>The README's C# snippet compiles as shown: each of its lines is a line of <see cref="ReadmeSdkSample"/>, in order.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void The_READMEs_CSharp_snippet_is_the_compiled_sample_line_for_line()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = Array.IndexOf(readme, "```csharp");
        Assert.True(start >= 0, "the README has a ```csharp block");
        var end = Array.IndexOf(readme, "```", start + 1);
        var snippet = readme[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var sample = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "Moecraft.Tests.Unit", "Docs", "ReadmeSdkSample.cs")).Select(l => l.Trim()).ToList();

        Assert.Contains(snippet, l => l.StartsWith("using ", StringComparison.Ordinal));
        var at = 0;
        foreach (var line in snippet)
        {
            var found = sample.IndexOf(line, at);
            Assert.True(found >= 0, $"README line not in the compiled sample (or out of order): {line}");
            at = found + 1;
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Moecraft.Tests.Deployment;

/// <summary>What silo/Dockerfile must do; returns one message per violation.</summary>
internal static class DockerfileRules
{
    public static List<string> Check(string text, string repoRoot)
    {
        var errors = new List<string>();

        // Instructions: comments dropped, backslash continuations joined.
        var instructions = new List<(string Keyword, string Args)>();
        var pending = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            pending.Append(line);
            var full = pending.ToString().Trim();
            pending.Clear();
            if (full.Length == 0)
            {
                continue;
            }

            var space = full.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0
                ? (full.ToUpperInvariant(), string.Empty)
                : (full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        var froms = instructions.Select((ins, index) => (ins, index)).Where(x => x.ins.Keyword == "FROM").ToList();
        if (froms.Count < 2)
        {
            errors.Add("expected a multi-stage build (at least two FROM)");
            return errors;
        }

        if (!froms[0].ins.Args.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal))
        {
            errors.Add($"build stage must be mcr.microsoft.com/dotnet/sdk:10.0, was '{froms[0].ins.Args}'");
        }

        if (!froms[^1].ins.Args.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal))
        {
            errors.Add($"runtime stage must be mcr.microsoft.com/dotnet/aspnet:10.0, was '{froms[^1].ins.Args}'");
        }

        var runs = instructions.Where(i => i.Keyword == "RUN").Select(i => Regex.Replace(i.Args, @"\s+", " ")).ToList();
        if (!runs.Any(r => r.Contains("dotnet restore silo/Moecraft.Silo.csproj", StringComparison.Ordinal)))
        {
            errors.Add("no RUN dotnet restore silo/Moecraft.Silo.csproj");
        }

        if (!runs.Any(r => r.Contains("dotnet publish silo/Moecraft.Silo.csproj", StringComparison.Ordinal)
            && r.Contains("-c Release", StringComparison.Ordinal)))
        {
            errors.Add("no RUN dotnet publish silo/Moecraft.Silo.csproj -c Release");
        }

        if (!File.Exists(Path.Combine(repoRoot, "silo", "Moecraft.Silo.csproj")))
        {
            errors.Add("silo/Moecraft.Silo.csproj, which the image builds, does not exist");
        }

        // Every COPY source from the build context without a wildcard must exist, or the build fails.
        foreach (var copy in instructions.Where(i => i.Keyword == "COPY" && !i.Args.Contains("--from", StringComparison.Ordinal)))
        {
            var words = copy.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in words[..^1].Where(w => w.IndexOfAny(['*', '?', '[']) < 0))
            {
                var path = Path.Combine(repoRoot, source.TrimEnd('/'));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    errors.Add($"COPY source '{source}' does not exist in the repository");
                }
            }
        }

        var runtime = instructions.Skip(froms[^1].index + 1).ToList();
        var entrypoints = runtime.Where(i => i.Keyword == "ENTRYPOINT").ToList();
        string[]? entrypoint = null;
        try
        {
            entrypoint = entrypoints.Count == 0 ? null : JsonSerializer.Deserialize<string[]>(entrypoints[^1].Args);
        }
        catch (JsonException)
        {
            // Shell form or malformed: reported below.
        }

        if (entrypoint is null || !entrypoint.SequenceEqual(["dotnet", "Moecraft.Silo.dll"]))
        {
            errors.Add("runtime stage ENTRYPOINT must be the exec form [\"dotnet\", \"Moecraft.Silo.dll\"]");
        }

        var user = runtime.LastOrDefault(i => i.Keyword == "USER").Args;
        if (string.IsNullOrEmpty(user) || user.Split(':')[0] is "root" or "0")
        {
            errors.Add($"runtime stage must switch to a non-root USER, was '{user}'");
        }

        var exposed = runtime.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        if (!exposed.Contains("8080"))
        {
            errors.Add("runtime stage must EXPOSE 8080");
        }

        if (!runtime.Any(i => i.Keyword == "RUN" && i.Args.Contains("curl", StringComparison.Ordinal)))
        {
            errors.Add("runtime stage must install curl for the compose health check");
        }

        return errors;
    }
}

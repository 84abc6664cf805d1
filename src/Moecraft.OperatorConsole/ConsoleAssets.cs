using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Moecraft.OperatorConsole;

/// <summary>
/// The console's files, read once from the assembly's embedded resources (logical names <c>console/&lt;path&gt;</c>, see the
/// project file), so a silo serves the console from its own binaries with nothing on disk and no build step anywhere.
/// </summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "console/";
    private readonly Dictionary<string, ConsoleAsset> _assets;

    private ConsoleAssets(Dictionary<string, ConsoleAsset> assets) => _assets = assets;

    public static ConsoleAssets Embedded { get; } = Load(typeof(ConsoleAssets).Assembly);

    public IReadOnlyCollection<string> Paths => _assets.Keys;

    /// <summary>The file at <paramref name="path"/> (relative, '/' separated; empty means index.html), or null.</summary>
    public ConsoleAsset? Find(string? path)
    {
        var key = string.IsNullOrEmpty(path) ? "index.html" : path;
        return _assets.GetValueOrDefault(key);
    }

    private static ConsoleAssets Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            if (!types.TryGetContentType(path, out var type)) type = "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) && !type.Contains("charset", StringComparison.Ordinal)) type += "; charset=utf-8";
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            assets[path] = new ConsoleAsset(path, content, type, etag);
        }
        return new ConsoleAssets(assets);
    }
}

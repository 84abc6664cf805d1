using System.Runtime.InteropServices;

namespace Moecraft.NativeFixup;

/// <summary>Finds the system's libstdc++.so.6, the one the dynamic loader resolves libLibTorchSharp.so's C++ needs against.</summary>
public static class SystemLibStdCxx
{
    public const string FileName = "libstdc++.so.6";

    /// <summary>The usual library directories, the one for this process's architecture first.</summary>
    public static IReadOnlyList<string> SearchDirectories { get; } = OrderedDirectories();

    public static string? Locate() => Locate(SearchDirectories);

    public static string? Locate(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        return directories.Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists);
    }

    private static string[] OrderedDirectories()
    {
        string[] all =
        [
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib64",
            "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib",
        ];
        var preferred = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "/usr/lib/aarch64-linux-gnu",
            _ => "/usr/lib/x86_64-linux-gnu",
        };
        return [preferred, .. all.Where(d => d != preferred)];
    }
}

namespace Moecraft.NativeFixup;

/// <summary>Finds the system's libstdc++ the dynamic linker would load.</summary>
public static class SystemLibraries
{
    private static readonly string[] SearchDirectories =
    [
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    ];

    public static string? Find(string soname) =>
        SearchDirectories.Select(d => Path.Combine(d, soname)).FirstOrDefault(File.Exists);
}

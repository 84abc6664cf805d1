using Moecraft.NativeFixup;

// Entry point: Moecraft.NativeFixup <directory>...
// Exit codes: 0 done (including warnings), 1 a library or directory could not be read or written, 2 usage.
const string LibraryName = "libLibTorchSharp.so";
const string Tool = "Moecraft.NativeFixup";

if (args.Length == 0 || args.Any(a => a is "-h" or "--help"))
{
    Console.Error.WriteLine($"usage: {Tool} <directory>...");
    Console.Error.WriteLine($"  Marks unneeded libstdc++ version needs of every {LibraryName} under the directories weak");
    Console.Error.WriteLine("  when the system libstdc++ does not define them. See docs/TORCHSHARP-NATIVE-FIX.md.");
    return args.Length == 0 ? 2 : 0;
}

// Other platforms do not load this ELF file, and their C++ runtime is not libstdc++.
if (!OperatingSystem.IsLinux())
{
    Console.WriteLine($"{Tool}: nothing to do on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    return 0;
}

try
{
    var libraries = new List<string>();
    foreach (var arg in args)
    {
        var root = Path.GetFullPath(arg);
        if (File.Exists(root)) libraries.Add(root);
        else if (Directory.Exists(root)) libraries.AddRange(Directory.EnumerateFiles(root, LibraryName, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }));
        else throw new DirectoryNotFoundException($"{root}: no such directory");
    }

    if (libraries.Count == 0)
    {
        Console.WriteLine($"{Tool}: no {LibraryName} under {string.Join(", ", args)}");
        return 0;
    }

    var libStdCxx = SystemLibStdCxx.Locate();
    if (libStdCxx is null)
    {
        Console.Error.WriteLine($"{Tool}: warning: no {SystemLibStdCxx.FileName} in {string.Join(", ", SystemLibStdCxx.SearchDirectories)}; {LibraryName} left unchanged");
        return 0;
    }

    var defined = ElfVersionDefinitions.ReadFile(libStdCxx);
    if (defined.Count == 0)
    {
        Console.Error.WriteLine($"{Tool}: warning: {libStdCxx} defines no symbol versions; {LibraryName} left unchanged");
        return 0;
    }

    var fixer = new NativeLibraryFixer(defined);
    foreach (var library in libraries.Order(StringComparer.Ordinal))
    {
        var result = fixer.Fix(library);
        Console.WriteLine(result.Action switch
        {
            FixupAction.Patched => $"{Tool}: patched: {library} (marked {string.Join(", ", result.Weakened)} weak, not defined by {libStdCxx})",
            FixupAction.AlreadyWeak => $"{Tool}: already weak: {library} ({string.Join(", ", result.AlreadyWeak)})",
            FixupAction.LeftUnchanged => $"{Tool}: left unchanged: {library}",
            _ => $"{Tool}: not needed: {library} ({libStdCxx} defines every version it needs)",
        });
        foreach (var version in result.Unsafe)
            Console.Error.WriteLine($"{Tool}: warning: {library} needs {version}, which {libStdCxx} does not define and which is not known to be safe to weaken; it will fail to load");
    }

    return 0;
}
catch (Exception ex) when (ex is ElfFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{Tool}: error: {ex.Message}");
    return 1;
}

namespace Moecraft.NativeFixup;

/// <summary>
/// Decides, per library, which libstdc++ version needs the system cannot satisfy, and marks weak only those
/// known to be unused by any relocation.
/// </summary>
public sealed class NativeLibraryFixer
{
    /// <summary>
    /// GLIBCXX_3.4.32 is needed by libLibTorchSharp.so (TorchSharp 0.107.0) only for _ZSt21ios_base_library_initv,
    /// which no relocation references, so the library runs without it. Nothing else is known to be safe.
    /// </summary>
    public static IReadOnlySet<string> DefaultSafeToWeaken { get; } = new HashSet<string>(StringComparer.Ordinal) { "GLIBCXX_3.4.32" };

    private readonly IReadOnlySet<string> _definedBySystem;
    private readonly IReadOnlySet<string> _safeToWeaken;

    public NativeLibraryFixer(IReadOnlySet<string> definedBySystem, IReadOnlySet<string>? safeToWeaken = null)
    {
        ArgumentNullException.ThrowIfNull(definedBySystem);
        _definedBySystem = definedBySystem;
        _safeToWeaken = safeToWeaken ?? DefaultSafeToWeaken;
    }

    public FixupResult Fix(string libraryPath)
    {
        var missing = ElfVersionNeeds.ReadFile(libraryPath)
            .Where(n => n.FileName == SystemLibStdCxx.FileName && !_definedBySystem.Contains(n.VersionName))
            .ToList();
        if (missing.Count == 0) return new FixupResult(libraryPath, FixupAction.NotNeeded, [], [], []);

        var allowed = missing.Where(n => _safeToWeaken.Contains(n.VersionName)).ToList();
        var alreadyWeak = Names(allowed.Where(n => n.IsWeak));
        var toWeaken = Names(allowed.Where(n => !n.IsWeak));
        var unsafeMissing = Names(missing.Where(n => !n.IsWeak && !_safeToWeaken.Contains(n.VersionName)));

        if (toWeaken.Count > 0)
        {
            var weakened = ElfVersionNeeds.MarkWeakInFile(libraryPath, toWeaken);
            return new FixupResult(libraryPath, FixupAction.Patched, weakened, alreadyWeak, unsafeMissing);
        }

        var action = unsafeMissing.Count > 0 ? FixupAction.LeftUnchanged : FixupAction.AlreadyWeak;
        return new FixupResult(libraryPath, action, [], alreadyWeak, unsafeMissing);
    }

    private static List<string> Names(IEnumerable<VersionNeed> needs) => needs.Select(n => n.VersionName).Distinct(StringComparer.Ordinal).ToList();
}

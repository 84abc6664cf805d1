namespace Moecraft.NativeFixup;

/// <summary>
/// Marks selected version needs of a shared object weak, in place, when the system library does not define them.
/// Only versions on the allow-list are touched: each one is known to guard a symbol no relocation uses.
/// </summary>
public static class WeakVersionPatcher
{
    /// <summary>TorchSharp 0.107 needs GLIBCXX_3.4.32 only for <c>_ZSt21ios_base_library_initv</c>, which it never binds.</summary>
    public static readonly IReadOnlySet<string> SafeToWeaken = new HashSet<string>(StringComparer.Ordinal) { "GLIBCXX_3.4.32" };

    public static PatchOutcome Patch(string path, string library, IReadOnlySet<string> definedBySystem)
    {
        var info = ElfVersionInfo.Read(path);
        var missing = info.Needs.Where(n => n.Library == library && !definedBySystem.Contains(n.Version)).ToList();
        var unsafeMissing = missing.Where(n => !SafeToWeaken.Contains(n.Version)).Select(n => n.Version).ToList();
        var toPatch = missing.Where(n => SafeToWeaken.Contains(n.Version) && !n.IsWeak).ToList();

        if (toPatch.Count > 0)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            Span<byte> flags = stackalloc byte[2];
            foreach (var need in toPatch)
            {
                var value = (ushort)(need.Flags | ElfVersionNeed.WeakFlag);
                flags[0] = (byte)value;
                flags[1] = (byte)(value >> 8);
                stream.Position = need.FlagsOffset;
                stream.Write(flags);
            }
        }

        return new PatchOutcome(
            Patched: toPatch.Select(n => n.Version).ToList(),
            AlreadyWeak: missing.Where(n => n.IsWeak).Select(n => n.Version).ToList(),
            StillMissing: unsafeMissing);
    }
}

/// <summary>What a patch did: versions made weak now, ones already weak, and missing ones it may not weaken.</summary>
public sealed record PatchOutcome(IReadOnlyList<string> Patched, IReadOnlyList<string> AlreadyWeak, IReadOnlyList<string> StillMissing);

namespace Moecraft.NativeFixup;

/// <summary>One version a shared object needs from a library (<c>Elf64_Vernaux</c>), with where its flags live in the file.</summary>
public sealed record ElfVersionNeed(string Library, string Version, ushort Flags, long FlagsOffset)
{
    /// <summary><c>VER_FLG_WEAK</c>: the dynamic linker only warns when the version is missing.</summary>
    public const ushort WeakFlag = 0x2;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}

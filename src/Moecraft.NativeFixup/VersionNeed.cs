namespace Moecraft.NativeFixup;

/// <summary>
/// One Vernaux entry of a .gnu.version_r section: the shared object <paramref name="FileName"/> must define
/// <paramref name="VersionName"/>. <paramref name="FlagsOffset"/> is the file offset of the 2-byte vna_flags field.
/// </summary>
public sealed record VersionNeed(string FileName, string VersionName, ushort Flags, long FlagsOffset)
{
    /// <summary>VER_FLG_WEAK: the dynamic loader does not fail when the needed object lacks this version.</summary>
    public const ushort WeakFlag = 0x2;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}

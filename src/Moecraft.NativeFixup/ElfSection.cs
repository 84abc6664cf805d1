namespace Moecraft.NativeFixup;

/// <summary>The parts of an ELF64 section header this tool uses.</summary>
internal readonly record struct ElfSection(int Index, uint Type, ulong Offset, ulong Size, uint Link, uint Info)
{
    public const uint StringTable = 3;              // SHT_STRTAB
    public const uint NoBits = 8;                   // SHT_NOBITS: occupies no file bytes
    public const uint GnuVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef (.gnu.version_d)
    public const uint GnuVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed (.gnu.version_r)

    /// <summary>The section's bytes in the file, checked against the file's length.</summary>
    public ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> image, string what)
    {
        if (Type == NoBits) throw new ElfFormatException($"corrupt ELF: {what} (section {Index}) has no file contents");
        return ElfBytes.Slice(image, Offset, Size, $"{what} (section {Index})");
    }
}

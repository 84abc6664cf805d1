namespace Moecraft.NativeFixup;

/// <summary>Validates the ELF64 little-endian header and reads the section header table.</summary>
internal static class ElfSections
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    public static IReadOnlyList<ElfSection> Read(ReadOnlySpan<byte> image)
    {
        ReadOnlySpan<byte> magic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];
        if (image.Length < magic.Length)
        {
            throw image.SequenceEqual(magic[..image.Length]) && image.Length > 0
                ? new ElfFormatException($"truncated ELF: {image.Length} bytes, the ELF header needs {HeaderSize}")
                : new ElfFormatException($"not an ELF file: {image.Length} bytes, no \\x7fELF magic");
        }

        if (!image[..magic.Length].SequenceEqual(magic))
            throw new ElfFormatException("not an ELF file: the first bytes are not the \\x7fELF magic");
        if (image.Length < HeaderSize)
            throw new ElfFormatException($"truncated ELF: {image.Length} bytes, the ELF header needs {HeaderSize}");

        switch (image[4])
        {
            case 2: break; // ELFCLASS64
            case 1: throw new ElfFormatException("unsupported ELF: 32-bit (ELFCLASS32); only 64-bit ELF is handled");
            default: throw new ElfFormatException($"corrupt ELF: unknown class {image[4]} in e_ident[EI_CLASS]");
        }

        switch (image[5])
        {
            case 1: break; // ELFDATA2LSB
            case 2: throw new ElfFormatException("unsupported ELF: big-endian (ELFDATA2MSB); only little-endian ELF is handled");
            default: throw new ElfFormatException($"corrupt ELF: unknown data encoding {image[5]} in e_ident[EI_DATA]");
        }

        var tableOffset = ElfBytes.U64(image, 40, "e_shoff");
        var entrySize = ElfBytes.U16(image, 58, "e_shentsize");
        ulong count = ElfBytes.U16(image, 60, "e_shnum");
        if (tableOffset == 0) return [];
        if (entrySize < SectionHeaderSize)
            throw new ElfFormatException($"corrupt ELF: section header size {entrySize} is below the ELF64 minimum of {SectionHeaderSize}");

        // Extended numbering: with 0x10000 or more sections e_shnum is 0 and the count lives in section 0's sh_size.
        if (count == 0) count = ElfBytes.U64(image, tableOffset + 32, "section 0 sh_size");
        if (count > (ulong)image.Length / entrySize)
            throw new ElfFormatException($"truncated or corrupt ELF: {count} section headers of {entrySize} bytes do not fit in {image.Length} bytes");

        var table = ElfBytes.Slice(image, tableOffset, count * entrySize, "section header table");
        var sections = new ElfSection[(int)count];
        for (var i = 0; i < sections.Length; i++)
        {
            var at = (ulong)i * entrySize;
            sections[i] = new ElfSection(
                i,
                Type: ElfBytes.U32(table, at + 4, "sh_type"),
                Offset: ElfBytes.U64(table, at + 24, "sh_offset"),
                Size: ElfBytes.U64(table, at + 32, "sh_size"),
                Link: ElfBytes.U32(table, at + 40, "sh_link"),
                Info: ElfBytes.U32(table, at + 44, "sh_info"));
        }

        return sections;
    }

    /// <summary>The string table a version section names through sh_link.</summary>
    public static ReadOnlySpan<byte> LinkedStrings(ReadOnlySpan<byte> image, IReadOnlyList<ElfSection> sections, ElfSection section, string what)
    {
        if (section.Link == 0 || section.Link >= sections.Count)
            throw new ElfFormatException($"corrupt ELF: {what} (section {section.Index}) links to section {section.Link}, which does not exist");
        var strings = sections[(int)section.Link];
        if (strings.Type != ElfSection.StringTable)
            throw new ElfFormatException($"corrupt ELF: {what} (section {section.Index}) links to section {strings.Index}, which is not a string table");
        return strings.Contents(image, $"string table of {what}");
    }
}

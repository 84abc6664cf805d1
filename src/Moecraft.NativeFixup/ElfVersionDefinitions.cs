namespace Moecraft.NativeFixup;

/// <summary>Reads which symbol versions a shared object defines (SHT_GNU_verdef), e.g. GLIBCXX_3.4.30 in libstdc++.</summary>
public static class ElfVersionDefinitions
{
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;
    private const ushort BaseFlag = 0x1; // VER_FLG_BASE: the entry names the file itself, not a version

    /// <summary>The names of all versions defined by the image (the base entry, which is the soname, excluded).</summary>
    public static IReadOnlySet<string> Read(ReadOnlySpan<byte> image)
    {
        var sections = ElfSections.Read(image);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections.Where(s => s.Type == ElfSection.GnuVersionDefinitions))
            ReadSection(image, sections, section, names);
        return names;
    }

    public static IReadOnlySet<string> ReadFile(string path)
    {
        var image = File.ReadAllBytes(path);
        try
        {
            return Read(image);
        }
        catch (ElfFormatException ex)
        {
            throw new ElfFormatException($"{path}: {ex.Message}", ex);
        }
    }

    private static void ReadSection(ReadOnlySpan<byte> image, IReadOnlyList<ElfSection> sections, ElfSection section, HashSet<string> names)
    {
        const string what = "version definitions (.gnu.version_d)";
        var body = section.Contents(image, what);
        var strings = ElfSections.LinkedStrings(image, sections, section, what);

        // Each Verdef takes at least 20 bytes of the section, so more steps than that means the chain loops.
        var budget = body.Length / VerdefSize + 1;
        ulong at = 0;
        while (true)
        {
            if (--budget < 0) throw new ElfFormatException($"corrupt ELF: the {what} chain loops");
            var version = ElfBytes.U16(body, at, "vd_version");
            if (version != 1) throw new ElfFormatException($"unsupported ELF: Verdef version {version} at section offset 0x{at:x}; only version 1 is known");
            var flags = ElfBytes.U16(body, at + 2, "vd_flags");
            var count = ElfBytes.U16(body, at + 6, "vd_cnt");
            var auxAt = at + ElfBytes.U32(body, at + 12, "vd_aux");
            var next = ElfBytes.U32(body, at + 16, "vd_next");

            // The first Verdaux names the version; any further ones name its parents, which are defined entries of their own.
            if (count > 0 && (flags & BaseFlag) == 0)
            {
                ElfBytes.Slice(body, auxAt, VerdauxSize, "Verdaux entry");
                names.Add(ElfBytes.CString(strings, ElfBytes.U32(body, auxAt, "vda_name"), "vda_name"));
            }

            if (next == 0) return;
            at += next;
        }
    }
}

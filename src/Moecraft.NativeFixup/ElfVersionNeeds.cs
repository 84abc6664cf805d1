using System.Buffers.Binary;

namespace Moecraft.NativeFixup;

/// <summary>Reads the version needs (SHT_GNU_verneed) of an ELF64 little-endian file and marks chosen ones weak in place.</summary>
public static class ElfVersionNeeds
{
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;

    /// <summary>Every Vernaux entry of every SHT_GNU_verneed section, in file order.</summary>
    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> image)
    {
        var sections = ElfSections.Read(image);
        var needs = new List<VersionNeed>();
        foreach (var section in sections.Where(s => s.Type == ElfSection.GnuVersionNeeds))
            ReadSection(image, sections, section, needs);
        return needs;
    }

    public static IReadOnlyList<VersionNeed> ReadFile(string path)
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

    /// <summary>
    /// Sets VER_FLG_WEAK on every need named <paramref name="versionName"/>. Returns false when all were already weak.
    /// The whole image is validated before any byte changes, so a malformed image is left as it was.
    /// </summary>
    public static bool MarkWeak(Span<byte> image, string versionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        var matches = Read(image).Where(n => n.VersionName == versionName).ToList();
        if (matches.Count == 0) throw new ArgumentException($"The image has no version need named '{versionName}'.", nameof(versionName));

        var changed = false;
        foreach (var need in matches.Where(n => !n.IsWeak))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(image.Slice((int)need.FlagsOffset, 2), (ushort)(need.Flags | VersionNeed.WeakFlag));
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Marks the named needs weak in the file at <paramref name="path"/> and returns the names that changed.
    /// The file is not rewritten when nothing changes; otherwise it is replaced atomically, keeping its mode and timestamp.
    /// </summary>
    public static IReadOnlyList<string> MarkWeakInFile(string path, IEnumerable<string> versionNames)
    {
        ArgumentNullException.ThrowIfNull(versionNames);
        var image = File.ReadAllBytes(path);
        var changed = new List<string>();
        try
        {
            foreach (var name in versionNames.Distinct(StringComparer.Ordinal))
            {
                if (MarkWeak(image, name)) changed.Add(name);
            }
        }
        catch (ElfFormatException ex)
        {
            throw new ElfFormatException($"{path}: {ex.Message}", ex);
        }

        if (changed.Count > 0) FileReplacer.Replace(path, image);
        return changed;
    }

    private static void ReadSection(ReadOnlySpan<byte> image, IReadOnlyList<ElfSection> sections, ElfSection section, List<VersionNeed> needs)
    {
        const string what = "version needs (.gnu.version_r)";
        var body = section.Contents(image, what);
        var strings = ElfSections.LinkedStrings(image, sections, section, what);

        // Every entry takes at least 16 bytes of the section, so more steps than that means the chain loops.
        var budget = body.Length / VerneedSize + 1;
        ulong at = 0;
        while (true)
        {
            if (--budget < 0) throw new ElfFormatException($"corrupt ELF: the {what} chain loops");
            var version = ElfBytes.U16(body, at, "vn_version");
            if (version != 1) throw new ElfFormatException($"unsupported ELF: Verneed version {version} at section offset 0x{at:x}; only version 1 is known");
            var count = ElfBytes.U16(body, at + 2, "vn_cnt");
            var file = ElfBytes.CString(strings, ElfBytes.U32(body, at + 4, "vn_file"), "vn_file");
            var auxAt = at + ElfBytes.U32(body, at + 8, "vn_aux");
            var next = ElfBytes.U32(body, at + 12, "vn_next");

            for (var i = 0; i < count; i++)
            {
                ElfBytes.Slice(body, auxAt, VernauxSize, "Vernaux entry");
                var flags = ElfBytes.U16(body, auxAt + 4, "vna_flags");
                var name = ElfBytes.CString(strings, ElfBytes.U32(body, auxAt + 8, "vna_name"), "vna_name");
                needs.Add(new VersionNeed(file, name, flags, checked((long)(section.Offset + auxAt + 4))));

                var auxNext = ElfBytes.U32(body, auxAt + 12, "vna_next");
                if (auxNext == 0)
                {
                    if (i != count - 1) throw new ElfFormatException($"corrupt ELF: {file} lists {count} Vernaux entries but the chain ends after {i + 1}");
                    break;
                }

                auxAt += auxNext;
            }

            if (next == 0) return;
            at += next;
        }
    }
}

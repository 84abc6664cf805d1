using System.Buffers.Binary;
using System.Text;

namespace Moecraft.Tests.NativeFixup;

/// <summary>
/// Builds a minimal valid ELF64 little-endian shared-object image holding only what version parsing reads:
/// a .dynstr, a .gnu.version_r (needs), optionally a .gnu.version_d (definitions), a .shstrtab and the section headers.
/// </summary>
public sealed class SyntheticElf
{
    public const ushort Weak = 0x2;

    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    private readonly List<(string File, List<(string Version, ushort Flags)> Versions)> _needs = [];
    private readonly List<string> _definitions = [];

    public SyntheticElf Need(string file, params string[] versions) =>
        Need(file, versions.Select(v => (v, (ushort)0)).ToArray());

    public SyntheticElf Need(string file, params (string Version, ushort Flags)[] versions)
    {
        _needs.Add((file, versions.ToList()));
        return this;
    }

    public SyntheticElf Define(params string[] versions)
    {
        _definitions.AddRange(versions);
        return this;
    }

    public byte[] Build()
    {
        var dynstr = new StringTable();
        var verneed = BuildVerneed(dynstr);
        var verdef = _definitions.Count > 0 ? BuildVerdef(dynstr) : null;
        var shstrtab = new StringTable();
        var dynstrBytes = dynstr.ToArray();

        // Section contents one after another, 8-byte aligned, then the section header table.
        var sections = new List<(string Name, uint Type, byte[] Body, uint Link, uint Info)>
        {
            (".dynstr", 3, dynstrBytes, 0, 0),
            (".gnu.version_r", 0x6ffffffe, verneed, 1, (uint)_needs.Count),
        };
        if (verdef is not null) sections.Add((".gnu.version_d", 0x6ffffffd, verdef, 1, (uint)_definitions.Count + 1));
        var names = sections.Select(s => shstrtab.Add(s.Name)).ToList();
        var shstrtabName = shstrtab.Add(".shstrtab");
        sections.Add((".shstrtab", 3, shstrtab.ToArray(), 0, 0));
        names.Add(shstrtabName);

        var offsets = new List<int>();
        var at = HeaderSize;
        foreach (var section in sections)
        {
            offsets.Add(at);
            at = Align(at + section.Body.Length);
        }

        var tableOffset = at;
        var image = new byte[tableOffset + (sections.Count + 1) * SectionHeaderSize];
        WriteHeader(image, tableOffset, sections.Count + 1);
        for (var i = 0; i < sections.Count; i++)
        {
            var (_, type, body, link, info) = sections[i];
            body.CopyTo(image, offsets[i]);
            var header = image.AsSpan(tableOffset + (i + 1) * SectionHeaderSize, SectionHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header[0..], (uint)names[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], type);
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], type == 3 ? 0UL : 2UL); // SHF_ALLOC for the version sections
            BinaryPrimitives.WriteUInt64LittleEndian(header[24..], (ulong)offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)body.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[40..], link);
            BinaryPrimitives.WriteUInt32LittleEndian(header[44..], info);
            BinaryPrimitives.WriteUInt64LittleEndian(header[48..], type == 3 ? 1UL : 8UL);
        }

        return image;
    }

    private byte[] BuildVerneed(StringTable strings)
    {
        var body = new List<byte>();
        ushort index = 2; // 0 and 1 are reserved for local and global symbols
        for (var i = 0; i < _needs.Count; i++)
        {
            var (file, versions) = _needs[i];
            var last = i == _needs.Count - 1;
            var entry = new byte[16 + 16 * versions.Count];
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(0), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), (ushort)versions.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), strings.Add(file));
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), versions.Count > 0 ? 16u : 0u);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), last ? 0u : (uint)entry.Length);
            for (var j = 0; j < versions.Count; j++)
            {
                var aux = entry.AsSpan(16 + 16 * j);
                BinaryPrimitives.WriteUInt32LittleEndian(aux[0..], ElfHash(versions[j].Version));
                BinaryPrimitives.WriteUInt16LittleEndian(aux[4..], versions[j].Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(aux[6..], index++);
                BinaryPrimitives.WriteUInt32LittleEndian(aux[8..], strings.Add(versions[j].Version));
                BinaryPrimitives.WriteUInt32LittleEndian(aux[12..], j == versions.Count - 1 ? 0u : 16u);
            }

            body.AddRange(entry);
        }

        return [.. body];
    }

    private byte[] BuildVerdef(StringTable strings)
    {
        // A base entry (VER_FLG_BASE, named after the file) comes first, as linkers emit it.
        var all = new List<(string Name, ushort Flags)> { ("libsynthetic.so.1", 0x1) };
        all.AddRange(_definitions.Select(d => (d, (ushort)0)));
        var body = new byte[all.Count * 28];
        for (var i = 0; i < all.Count; i++)
        {
            var entry = body.AsSpan(i * 28, 28);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], all[i].Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], (ushort)(i + 1));
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], ElfHash(all[i].Name));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], 20);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], i == all.Count - 1 ? 0u : 28u);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], strings.Add(all[i].Name));
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], 0);
        }

        return body;
    }

    private static void WriteHeader(byte[] image, int tableOffset, int sectionCount)
    {
        var header = image.AsSpan(0, HeaderSize);
        ReadOnlySpan<byte> ident = [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1];
        ident.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[16..], 3);  // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(header[18..], 62); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], (ulong)tableOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(header[52..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[54..], 56);
        BinaryPrimitives.WriteUInt16LittleEndian(header[58..], SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[60..], (ushort)sectionCount);
        BinaryPrimitives.WriteUInt16LittleEndian(header[62..], (ushort)(sectionCount - 1)); // .shstrtab is last
    }

    private static int Align(int offset) => (offset + 7) & ~7;

    // The System V ABI's ELF hash, as stored in vna_hash and vd_hash.
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }

        return h;
    }

    /// <summary>A NUL-separated string table starting with the empty string, each distinct string stored once.</summary>
    private sealed class StringTable
    {
        private readonly List<byte> _bytes = [0];
        private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);

        public uint Add(string value)
        {
            if (_offsets.TryGetValue(value, out var existing)) return existing;
            var offset = (uint)_bytes.Count;
            _bytes.AddRange(Encoding.ASCII.GetBytes(value));
            _bytes.Add(0);
            _offsets[value] = offset;
            return offset;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Moecraft.NativeFixup;

/// <summary>
/// Reads the symbol-versioning sections of a little-endian ELF64 file: the versions it needs
/// (<c>.gnu.version_r</c>) and the versions it defines (<c>.gnu.version_d</c>).
/// </summary>
public sealed class ElfVersionInfo
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    private ElfVersionInfo(IReadOnlyList<ElfVersionNeed> needs, IReadOnlySet<string> definitions)
    {
        Needs = needs;
        Definitions = definitions;
    }

    public IReadOnlyList<ElfVersionNeed> Needs { get; }

    public IReadOnlySet<string> Definitions { get; }

    public static ElfVersionInfo Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or a table points outside it.</exception>
    public static ElfVersionInfo Read(ReadOnlySpan<byte> file, string name = "input")
    {
        if (file.Length < 64 || file[0] != 0x7f || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
            throw new InvalidDataException($"{name} is not an ELF file.");
        if (file[4] != 2) throw new InvalidDataException($"{name} is not a 64-bit ELF file.");
        if (file[5] != 1) throw new InvalidDataException($"{name} is not a little-endian ELF file.");

        var reader = new Reader(file, name);
        var sectionTable = (long)reader.U64(0x28);
        var entrySize = reader.U16(0x3a);
        var count = reader.U16(0x3c);
        if (entrySize < 64) throw new InvalidDataException($"{name} has a malformed section header table.");

        var needs = new List<ElfVersionNeed>();
        var definitions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var header = sectionTable + (long)i * entrySize;
            var type = reader.U32(header + 4);
            if (type is not (ShtGnuVerneed or ShtGnuVerdef)) continue;

            var offset = (long)reader.U64(header + 0x18);
            var strings = StringTable(reader, sectionTable, entrySize, reader.U32(header + 0x28));
            var entries = reader.U32(header + 0x2c);
            if (type == ShtGnuVerneed) ReadNeeds(reader, offset, entries, strings, needs);
            else ReadDefinitions(reader, offset, entries, strings, definitions);
        }
        return new ElfVersionInfo(needs, definitions);
    }

    private static void ReadNeeds(Reader reader, long entry, uint count, long strings, List<ElfVersionNeed> needs)
    {
        for (var i = 0; i < count; i++)
        {
            var library = reader.CString(strings + reader.U32(entry + 4));
            var aux = entry + reader.U32(entry + 8);
            for (var j = 0; j < reader.U16(entry + 2); j++)
            {
                needs.Add(new ElfVersionNeed(library, reader.CString(strings + reader.U32(aux + 8)), reader.U16(aux + 4), aux + 4));
                aux += reader.U32(aux + 12);
            }
            var next = reader.U32(entry + 12);
            if (next == 0) break;
            entry += next;
        }
    }

    private static void ReadDefinitions(Reader reader, long entry, uint count, long strings, HashSet<string> definitions)
    {
        for (var i = 0; i < count; i++)
        {
            // The first Verdaux of each Verdef names the defined version; later ones name its parents.
            var aux = entry + reader.U32(entry + 12);
            if (reader.U16(entry + 6) > 0) definitions.Add(reader.CString(strings + reader.U32(aux)));
            var next = reader.U32(entry + 16);
            if (next == 0) break;
            entry += next;
        }
    }

    private static long StringTable(Reader reader, long sectionTable, int entrySize, uint index) =>
        (long)reader.U64(sectionTable + index * (long)entrySize + 0x18);

    /// <summary>Bounds-checked little-endian reads: a table that points outside the file is a clear error.</summary>
    private readonly ref struct Reader(ReadOnlySpan<byte> file, string name)
    {
        private readonly ReadOnlySpan<byte> _file = file;

        public ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));

        public uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));

        public ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

        public string CString(long at)
        {
            var rest = Slice(at, 1).Length == 1 ? _file[(int)at..] : default;
            var end = rest.IndexOf((byte)0);
            if (end < 0) throw new InvalidDataException($"{name} has an unterminated string at offset {at}.");
            return Encoding.ASCII.GetString(rest[..end]);
        }

        private ReadOnlySpan<byte> Slice(long at, int length) =>
            at >= 0 && at + length <= _file.Length
                ? _file.Slice((int)at, length)
                : throw new InvalidDataException($"{name} is truncated or malformed: offset {at} is outside the file.");
    }
}

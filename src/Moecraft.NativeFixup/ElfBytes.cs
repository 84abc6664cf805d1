using System.Buffers.Binary;
using System.Text;

namespace Moecraft.NativeFixup;

/// <summary>
/// Bounds-checked little-endian reads: a malformed or truncated file surfaces as an <see cref="ElfFormatException"/>
/// naming the structure that did not fit, never as an index exception.
/// </summary>
internal static class ElfBytes
{
    public static ushort U16(ReadOnlySpan<byte> data, ulong offset, string what) =>
        BinaryPrimitives.ReadUInt16LittleEndian(Slice(data, offset, 2, what));

    public static uint U32(ReadOnlySpan<byte> data, ulong offset, string what) =>
        BinaryPrimitives.ReadUInt32LittleEndian(Slice(data, offset, 4, what));

    public static ulong U64(ReadOnlySpan<byte> data, ulong offset, string what) =>
        BinaryPrimitives.ReadUInt64LittleEndian(Slice(data, offset, 8, what));

    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, ulong offset, ulong length, string what)
    {
        var size = (ulong)data.Length;
        if (offset > size || length > size - offset)
        {
            var remaining = offset > size ? 0 : size - offset;
            throw new ElfFormatException(
                $"truncated or corrupt ELF: {what} at offset 0x{offset:x} needs {length} bytes but only {remaining} remain");
        }

        return data.Slice((int)offset, (int)length);
    }

    /// <summary>A NUL-terminated string at <paramref name="offset"/> inside a string table section.</summary>
    public static string CString(ReadOnlySpan<byte> table, ulong offset, string what)
    {
        var rest = Slice(table, offset, (ulong)table.Length - Math.Min(offset, (ulong)table.Length), what);
        var end = rest.IndexOf((byte)0);
        if (end < 0) throw new ElfFormatException($"corrupt ELF: {what} at string table offset 0x{offset:x} is not NUL-terminated");
        return Encoding.UTF8.GetString(rest[..end]);
    }
}

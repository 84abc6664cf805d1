namespace Moecraft.NativeFixup;

/// <summary>The bytes are not an ELF64 little-endian image this tool can read, or they are cut short or inconsistent.</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message)
        : base(message)
    {
    }

    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

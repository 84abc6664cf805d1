namespace Moecraft.OperatorConsole;

/// <summary>One embedded file of the console: its bytes, content type and a strong ETag from its content.</summary>
public sealed record ConsoleAsset(string Path, byte[] Content, string ContentType, string ETag);

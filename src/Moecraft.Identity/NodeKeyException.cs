namespace Moecraft.Identity;

/// <summary>The node key file cannot be used. The message names the file and the fix, never the key.</summary>
public sealed class NodeKeyException(string message, Exception? inner = null) : Exception(message, inner);

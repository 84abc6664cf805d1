namespace Moecraft.Canonical;

/// <summary>Input that is not JSON, or not JSON Moecraft may hash or sign (a float, a duplicate key, a non-canonical form).</summary>
public sealed class CanonicalJsonException(string message, Exception? inner = null) : FormatException(message, inner);

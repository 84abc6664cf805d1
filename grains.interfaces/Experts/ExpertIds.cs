using System.Diagnostics.CodeAnalysis;

namespace Moecraft.Experts;

/// <summary>The one rule for expert ids (the expert grain's key), shared by definition validation, request policies, the HTTP API and the client SDK.</summary>
public static class ExpertIds
{
    public const int MaxLength = Identifiers.MaxLength;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the id is 1-128 characters of well-formed text (<see cref="Identifiers"/>:
    /// no lone surrogates, no control characters) without whitespace or '/'.
    /// </summary>
    public static string Validate([NotNull] string? expertId, string parameterName = "expertId") =>
        Identifiers.ValidateKeySegment(expertId, "expert id", parameterName, MaxLength);
}

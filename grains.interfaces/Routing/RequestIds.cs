using System.Diagnostics.CodeAnalysis;

namespace Moecraft.Routing;

/// <summary>The one rule for a caller's request ids (part of the answered request's key <c>{tenant}/{request id}</c>).</summary>
public static class RequestIds
{
    public const int MaxLength = 200;

    /// <summary>Throws <see cref="ArgumentException"/> unless the id is 1-200 characters of well-formed text (<see cref="Identifiers"/>).</summary>
    public static string Validate([NotNull] string? requestId, string parameterName = "requestId") =>
        Identifiers.Validate(requestId, "request id", parameterName, MaxLength);
}
